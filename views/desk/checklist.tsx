/** The sourcing checklist: each item passes or fails, with why. The review screen and the claim's desk page show it. */
import type { ChecklistItem } from '../../src/review/checklist.js';

export function Checklist(props: { items: ChecklistItem[] }) {
  return (
    <ul class="checklist">
      {props.items.map((item) => (
        <li data-item={item.key} data-ok={item.ok ? 'yes' : 'no'} class={item.ok ? 'check-ok' : 'check-fail'}>
          <span class="check-mark" aria-hidden="true">
            {item.ok ? '✔' : '✘'}
          </span>{' '}
          <strong>{item.label}</strong>
          <span class="visually-hidden">{item.ok ? ' (passes)' : ' (fails)'}</span>: {item.detail}
        </li>
      ))}
    </ul>
  );
}
