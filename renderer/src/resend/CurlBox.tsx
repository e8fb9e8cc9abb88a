// A curl command to copy, and its body file to download when the body cannot be inline.
import { useEffect, useMemo, useState } from 'react';
import type { CurlCommand } from '../../../shared/model.js';

export function CurlBox({ curl, onClose }: { curl: CurlCommand; onClose(): void }) {
  const [copied, setCopied] = useState<'idle' | 'copied' | 'failed'>('idle');
  const fileUrl = useMemo(() => {
    if (!curl.bodyFile) return null;
    const bytes = Uint8Array.from(atob(curl.bodyFile.base64), (c) => c.charCodeAt(0));
    return URL.createObjectURL(new Blob([bytes], { type: 'application/octet-stream' }));
  }, [curl]);
  useEffect(() => () => void (fileUrl && URL.revokeObjectURL(fileUrl)), [fileUrl]);
  return (
    <div className="curl-box">
      <textarea
        readOnly
        value={curl.command}
        rows={Math.min(12, curl.command.split('\n').length + 1)}
        aria-label="curl command"
        onFocus={(e) => e.target.select()}
      />
      <div className="form-actions">
        <button
          type="button"
          onClick={() =>
            navigator.clipboard.writeText(curl.command).then(
              () => setCopied('copied'),
              () => setCopied('failed'),
            )
          }
        >
          {copied === 'copied' ? 'copied' : 'copy'}
        </button>
        {curl.bodyFile && fileUrl && (
          <a href={fileUrl} download={curl.bodyFile.name}>
            download {curl.bodyFile.name} (the body is binary; run the command beside it)
          </a>
        )}
        <button type="button" onClick={onClose}>
          close
        </button>
        {copied === 'failed' && <span className="invalid-note">no clipboard access: select the text and copy it</span>}
      </div>
    </div>
  );
}
