import { Button, Input, Text, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import { callFunction } from '../../../api/client'
import type { OutputOf } from '../../../contract'
import { chinaDateTime } from '../../../components/format'

type Saved = OutputOf<'fanNote'>

interface Props {
  memberCode: string
  tags: string[]
  notes: Saved['notes']
  notesNext: string | null
  onSaved: (s: Saved) => void
}

/** Tags (comma- or space-separated, the whole list) and notes: the brand's, seen by the fan's staff member and managers. */
export default function Notes({ memberCode, tags, notes, notesNext, onSaved }: Props) {
  const [error, setError] = useState('')
  // older pages of notes, appended under the newest ones; a save starts over from the newest
  const [older, setOlder] = useState<{ notes: Saved['notes']; next: string | null } | null>(null)
  useEffect(() => setOlder(null), [notes])
  const next = older ? older.next : notesNext
  const more = async () => {
    if (!next) return
    const res = await callFunction('fanNote', { memberCode, olderThan: next })
    if (!res.ok) return setError(res.message)
    setOlder({ notes: [...(older?.notes ?? []), ...res.data.notes], next: res.data.notesNext })
  }
  const [tagText, setTagText] = useState(tags.join(' '))
  const [note, setNote] = useState('')
  const save = async (change: { tags?: string[]; note?: string; removeNoteId?: string }) => {
    const res = await callFunction('fanNote', { memberCode, ...change })
    if (!res.ok) return setError(res.message)
    setError('')
    onSaved(res.data)
    if (change.note) setNote('')
  }
  const parsed = tagText
    .split(/[\s,，、]+/)
    .map((t) => t.trim())
    .filter(Boolean)
  return (
    <View className='card fan-notes'>
      <View className='section-title'>标签与备注</View>
      <View className='row'>
        <Input className='fan-tags-input' placeholder='标签，用空格分隔' value={tagText} onInput={(e) => setTagText(e.detail.value)} />
        <Button className='btn btn-ghost btn-small fan-tags-save' onClick={() => save({ tags: parsed })}>
          保存标签
        </Button>
      </View>
      <View className='book-tags fan-tags'>
        {tags.map((t) => (
          <Text key={t} className='book-tag fan-tag'>
            {t}
          </Text>
        ))}
      </View>
      <View className='row'>
        <Input className='fan-note-input' placeholder='写一条备注（喜好、忌口、约定…）' value={note} maxlength={200} onInput={(e) => setNote(e.detail.value)} />
        <Button className='btn btn-ghost btn-small fan-note-save' disabled={!note.trim() || undefined} onClick={() => save({ note: note.trim() })}>
          添加
        </Button>
      </View>
      {[...notes, ...(older?.notes ?? [])].map((n) => (
        <View key={n.noteId} className='fan-note'>
          <Text className='fan-note-text'>{n.text}</Text>
          <View className='row'>
            <Text className='muted'>
              {n.by} · {chinaDateTime(n.at)}
            </Text>
            <Text className='muted fan-note-remove' onClick={() => save({ removeNoteId: n.noteId })}>
              删除
            </Text>
          </View>
        </View>
      ))}
      {next ? (
        <Text className='muted fan-notes-more' onClick={more}>
          更多备注
        </Text>
      ) : null}
      {error ? <Text className='muted fan-notes-error'>{error}</Text> : null}
    </View>
  )
}
