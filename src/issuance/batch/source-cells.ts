/**
 * The 名册 columns a certificate does not carry (联系电话, 电子邮箱, 是否本企业职工, 所在单位,
 * 从事本职业（工种）时间, 所在岗位, 入职时间) are copied from the source roster into the completed
 * 名册: the roster reader hands each item's normalised cells over (PreparedItem.cells), keyed here
 * by the holder's ID number (the stored document's subject).
 */
import type { PreparedRoster } from '../roster/types.js';
import { SOURCE_ONLY_COLUMNS, type SourceCells } from '../outputs/roster-rows.js';
import type { RosterColumnId } from '../outputs/roster-layout.js';

export function sourceCellsFor(prepared: PreparedRoster): Map<string, SourceCells> {
  const out = new Map<string, SourceCells>();
  if (prepared.kind !== 'certificate') return out;
  for (const item of prepared.items) {
    if (!item.cells) continue;
    const v: Partial<Record<RosterColumnId, string>> = {};
    for (const c of SOURCE_ONLY_COLUMNS) {
      const t = item.cells[c];
      if (t) v[c] = t;
    }
    out.set(item.subject, v);
  }
  return out;
}
