/**
 * The 名册 columns a certificate does not carry (联系电话, 电子邮箱, 是否本企业职工, 所在单位,
 * 从事本职业（工种）时间, 所在岗位, 入职时间) are copied from the source roster into the completed
 * 名册, matched row by row (PreparedItem.row = the source row) and keyed by the holder's ID
 * number (the stored document's subject). Dates as normalised by the roster reader's cellText.
 */
import { readRoster } from '../roster/read.js';
import { ROSTER_COLUMNS, REQUIRED_ROSTER_COLUMNS } from '../roster/columns.js';
import { cellText } from '../roster/cells.js';
import type { PreparedRoster } from '../roster/types.js';
import { SOURCE_ONLY_COLUMNS, type SourceCells } from '../outputs/roster-rows.js';
import type { RosterColumnId } from '../outputs/roster-layout.js';

export async function sourceCellsFor(prepared: PreparedRoster): Promise<Map<string, SourceCells>> {
  const out = new Map<string, SourceCells>();
  if (prepared.kind !== 'certificate' || prepared.items.length === 0) return out;
  const raw = await readRoster(prepared.source.file, { columns: ROSTER_COLUMNS, required: REQUIRED_ROSTER_COLUMNS });
  const byRow = new Map(raw.rows.map((r) => [r.row, r.cells]));
  for (const item of prepared.items) {
    const cells = byRow.get(item.row);
    if (!cells) continue;
    const v: Partial<Record<RosterColumnId, string>> = {};
    for (const c of SOURCE_ONLY_COLUMNS) {
      const t = cellText(cells[c]);
      if (t) v[c] = t;
    }
    out.set(item.subject, v);
  }
  return out;
}
