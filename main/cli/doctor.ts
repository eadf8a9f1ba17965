// `tokstudio doctor`: the engine report (core/native/doctor.ts) as text.
import type { DoctorReport } from '../core/native/doctor';

export { doctorReport } from '../core/native/doctor';

export function formatDoctor(r: DoctorReport): string {
  const lines = [`engine     ${r.engine}`, `addon      ${r.addonPath ?? '(none found)'}`];
  if (r.reason) lines.push(`why not    ${r.reason}`);
  if (r.selfTest) lines.push(`self-test  ${r.selfTest.ok ? 'ok' : 'FAILED'}: ${r.selfTest.detail}`);
  lines.push(`node       ${r.node} (N-API ${r.napi}), ${r.platform}`);
  return lines.join('\n');
}
