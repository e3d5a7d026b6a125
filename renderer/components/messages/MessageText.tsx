// A message's text with its keywords marked. The text is the sender's: it is only ever a React text node
// (never markup), isolated for bidi so a direction override cannot reorder what follows it.
import { useMemo } from 'react';
import { markKeywords, type MessageKeywords } from '../../../shared/message-flags.ts';

export function MessageText({ text, keywords }: { text: string; keywords: MessageKeywords }) {
  const pieces = useMemo(() => markKeywords(text, keywords), [text, keywords]);
  return (
    <bdi className="message-text" data-verbatim>
      {pieces.map((p, i) =>
        p.kind ? (
          <mark key={i} className={`keyword keyword-${p.kind}`}>
            {p.text}
          </mark>
        ) : (
          <span key={i}>{p.text}</span>
        ),
      )}
    </bdi>
  );
}
