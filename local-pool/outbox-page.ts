/** `GET /_local/outbox.html`: the outbox as a page a person can read while trying the demo. */
import type { OutboxMessage } from './outbox';

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function outboxPage(messages: OutboxMessage[]): string {
  const rows = [...messages]
    .reverse()
    .map(
      (m) =>
        `<tr><td>${escape(m.sentAt)}</td><td>${m.medium}</td><td>${escape(m.to)}</td><td>${escape(m.username)}</td><td class="code">${escape(m.code)}</td><td>${escape(m.message)}</td></tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Local pool outbox</title>
<meta http-equiv="refresh" content="5">
<style>
body{font:15px/1.4 system-ui,sans-serif;margin:2rem;color:#1b1b1f}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.4rem .6rem;border-bottom:1px solid #ddd}
.code{font:600 1.2rem ui-monospace,monospace;letter-spacing:.1em}
</style></head><body>
<h1>Outbox</h1>
<p>Every SMS and email the local pool sent, newest first. This page refreshes every 5 seconds.</p>
${messages.length === 0 ? '<p>Nothing sent yet.</p>' : `<table><thead><tr><th>Sent</th><th>Medium</th><th>To</th><th>User</th><th>Code</th><th>Message</th></tr></thead><tbody>\n${rows}\n</tbody></table>`}
</body></html>`;
}
