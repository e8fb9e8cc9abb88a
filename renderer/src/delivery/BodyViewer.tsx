// The body in three forms: pretty JSON (lossless, foldable), the text as received (after
// Content-Encoding), and the stored bytes in hex; a form-encoded body also as its parameters.
// Formatting runs off the main thread; a big body's first lines show meanwhile (use-pretty.ts).
import { useEffect, useMemo, useState } from 'react';
import type { RawBody } from '../../../shared/api.js';
import type { Problem } from '../../../shared/model.js';
import { rawBodyUtf8 } from '../../../shared/raw-body-text.js';
import { formatBytes } from '../common/format.js';
import { CodeView, type Reveal } from './CodeView.js';
import { HexView } from './HexView.js';
import { locatePath, parsePath } from './json-locate.js';
import { isFormEncoded, readParams } from './params.js';
import { ParamsTable } from './ParamsTable.js';
import { useBodyText } from './use-body-text.js';
import { usePretty, type Formatting } from './use-pretty.js';

export type BodyTab = 'json' | 'form' | 'raw' | 'hex';

interface Props {
  body: RawBody;
  isJson: boolean;
  /** The Content-Type header as sent: a form-encoded body gets the Form tab. */
  contentType: string | null;
  contentEncoding: string | null;
  /** A problem path to show, with a nonce so the same path can be asked for again. */
  jump: { path: string; nonce: number } | null;
}

export function BodyViewer({ body, isJson, contentType, contentEncoding, jump }: Props) {
  const utf8 = useMemo(() => rawBodyUtf8(body), [body]);
  const hasText = utf8 !== null;
  const form = isFormEncoded(contentType) && hasText;
  const [tab, setTab] = useState<BodyTab>(form ? 'form' : isJson ? 'json' : hasText ? 'raw' : 'hex');
  // The JSON tab reads the UTF-8 (its worker decodes it); the Text and Form tabs the text, decoded meanwhile.
  const text = useBodyText(body);
  // A cut text is not the JSON document (nor all the form): those tabs say so instead of misreading it.
  const cut = body.decodedTextCut;
  const formatting = usePretty(isJson && !cut ? utf8 : null);
  const pretty = formatting.pretty;
  const params = useMemo(() => (form && !cut && typeof text === 'string' ? readParams(text) : null), [form, cut, text]);
  const [reveal, setReveal] = useState<Reveal | null>(null);

  useEffect(() => {
    if (!jump || !pretty?.ok) return;
    const located = locatePath(pretty.text, parsePath(jump.path) ?? []);
    if (!located) return;
    setTab('json');
    setReveal({ from: located.from, to: located.to, nonce: jump.nonce });
  }, [jump, pretty]);

  const tabs: Array<[BodyTab, string, boolean]> = [
    ['json', 'JSON', isJson],
    // Only where the Content-Type says form: a disabled Form tab beside every JSON body says nothing.
    ...(form ? [['form', 'Form', true] as [BodyTab, string, boolean]] : []),
    ['raw', 'Text', hasText],
    ['hex', 'Hex', true],
  ];
  return (
    <div className="body-viewer">
      <div className="tabs" role="tablist">
        {tabs.map(([key, label, enabled]) => (
          <button
            key={key}
            role="tab"
            aria-selected={tab === key}
            className={tab === key ? 'active' : ''}
            disabled={!enabled}
            onClick={() => setTab(key)}
          >
            {label}
          </button>
        ))}
        <span className="body-meta">
          {formatBytes(body.size)}
          {body.charset ? ` · ${body.charset}` : ''}
          {contentEncoding
            ? hasText
              ? ` · Content-Encoding ${contentEncoding}: text shows the decoded form, hex the stored bytes`
              : ` · Content-Encoding ${contentEncoding}, which does not decode: hex shows the stored bytes`
            : ''}
          {body.truncated ? ' · TRUNCATED at the size limit' : ''}
          {cut ? ` · decoded it is ${formatBytes(cut.decodedBytes)}: the text shows its first ${formatBytes(cut.shownChars)}` : ''}
        </span>
      </div>
      <div className="tab-body">
        {tab === 'json' &&
          (cut ? (
            <div className="error-bar">
              Too large to format as JSON here ({formatBytes(cut.decodedBytes)} decoded); the Text tab shows its start, Hex the stored
              bytes.
            </div>
          ) : (
            <JsonTab formatting={formatting} size={body.size} reveal={reveal} />
          ))}
        {tab === 'form' &&
          (text === undefined ? (
            <div className="pending">Decoding {formatBytes(body.size)}…</div>
          ) : params ? (
            <div className="params-view">
              <ParamsTable params={params} label="form parameters" />
            </div>
          ) : (
            <div className="error-bar">Too large to list as form parameters here; the Text tab shows its start, Hex the stored bytes.</div>
          ))}
        {tab === 'raw' &&
          (text === undefined ? (
            <div className="pending">Decoding {formatBytes(body.size)}…</div>
          ) : (
            text !== null && <CodeView doc={text} language="text" wrap label="body text" />
          ))}
        {tab === 'hex' && <HexView bytes={body.bytes} />}
      </div>
    </div>
  );
}

function JsonTab({ formatting, size, reveal }: { formatting: Formatting; size: number; reveal: Reveal | null }) {
  const { pretty, head } = formatting;
  if (pretty && !pretty.ok) return <div className="error-bar">Not valid JSON ({pretty.error}); see the Text and Hex tabs.</div>;
  const doc = pretty ? pretty.text : head;
  if (doc === null) return <div className="pending">Formatting {formatBytes(size)}…</div>;
  // One CodeView for the first lines and then the whole: the whole is added below what is drawn.
  return (
    <>
      {pretty ? (
        pretty.problems && <ParseNotes problems={pretty.problems} />
      ) : (
        <div className="hint-bar formatting-note" role="status">
          Formatting {formatBytes(size)}: its first lines are shown, the rest follows.
        </div>
      )}
      <CodeView doc={doc} language="json" reveal={reveal} label="body as JSON" />
    </>
  );
}

/** What the parser noted while reading the body (as ingest reports it): duplicate keys, cut depth or size. */
function ParseNotes({ problems }: { problems: Problem[] }) {
  const shown = problems.slice(0, 3);
  return (
    <div className="hint-bar json-notes" role="note">
      {shown.map((p, i) => (
        <div key={i}>
          {p.path === '$' ? '' : <code>{p.path}</code>} {p.message}
        </div>
      ))}
      {problems.length > shown.length && <div>{problems.length - shown.length} more: see Problems.</div>}
    </div>
  );
}
