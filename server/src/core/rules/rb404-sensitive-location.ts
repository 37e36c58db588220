// RB404: precise geographic coordinates (decimal degrees with 3+ decimals, DMS with seconds).
// The fix generalizes: decimal degrees to one decimal (about 11 km), DMS to whole degrees.
import type { Rule } from '../types.js';
import { DisjointRanges } from '../secrets/index.js';

// `47.6062, -122.3321` / `47.6062° N, 122.3321° W` / `(47.6062,-122.3321)`.
const PAIR = /(?<![\w.°-])(-?\d{1,2}\.\d{3,10})(°?(?:[ \t]?[NS])?)([ \t]?,[ \t]{0,2}|[ \t])(-?\d{1,3}\.\d{3,10})(°?(?:[ \t]?[EW])?)/g;
// `lat: 47.6062, lon: -122.3321` / `"lat": 47.6062, "lng": -122.3321` (adjacent keys).
const KEYED = /\b(?:lat|latitude)["']?[ \t]{0,3}[:=][ \t]{0,3}["']?(-?\d{1,2}\.\d{3,10})[ \t,;{}()[\]"']{0,12}(?:lon|lng|long|longitude)["']?[ \t]{0,3}[:=][ \t]{0,3}["']?(-?\d{1,3}\.\d{3,10})\b/gi;
// `47°36'22.3"N` (seconds present).
const DMS = /(?<![\w.])(\d{1,3})°[ \t]{0,2}(\d{1,2})['′][ \t]{0,2}(\d{1,2}(?:\.\d{1,6})?)(?:["″]|'')[ \t]{0,2}([NSEW])\b/g;

/** Every regex of this rule (the ReDoS test checks each). */
export const patterns: readonly RegExp[] = [PAIR, KEYED, DMS];

function round1(s: string): string {
  const n = Number(s);
  return (Math.round(n * 10) / 10).toFixed(1);
}

const rule: Rule = {
  id: 'RB404',
  name: 'sensitive-location',
  description: 'No precise geographic coordinates (decimal degrees with 3 or more decimals, degrees-minutes-seconds): generalize them.',
  rationale: 'The seed: "Do not include precise sensitive locations or culturally restricted knowledge; use generalized descriptions." One decimal place (about 11 km) is usually enough to name a region.',
  dod: 'no-sensitive-data',
  defaultSeverity: 'warning',
  group: 'sensitive-data',
  presets: { strict: 'error' },
  fixable: true,
  check(ctx) {
    const text = ctx.runbook.text;
    const seen = new DisjointRanges();
    const add = (start: number, end: number, replacement: string) => {
      if (!seen.add(start, end)) return;
      const range = { start, end };
      ctx.report({
        range,
        message: 'Precise geographic coordinates: generalize the location (region or site name, or one decimal place) so the runbook can be shared.',
        fix: { title: 'Generalize the coordinates', edits: [{ range, newText: replacement }] },
        meta: { kind: 'coordinates' },
      });
    };
    for (const m of text.matchAll(KEYED)) {
      const [lat, lon] = [m[1]!, m[2]!];
      if (Math.abs(Number(lat)) > 90 || Math.abs(Number(lon)) > 180) continue;
      const ls = m.index + m[0].indexOf(lat);
      const os = m.index + m[0].lastIndexOf(lon);
      add(ls, ls + lat.length, round1(lat));
      add(os, os + lon.length, round1(lon));
    }
    for (const m of text.matchAll(PAIR)) {
      const [, lat, latH, sep, lon, lonH] = m as unknown as [string, string, string, string, string, string];
      // Not part of a longer list of numbers (`0.125, 0.250, 0.500`) or a dotted version.
      const before = text.slice(Math.max(0, m.index - 4), m.index);
      const after = text.slice(m.index + m[0].length, m.index + m[0].length + 4);
      if (/\d[ \t]?,[ \t]?$/.test(before) || /^(?:[\w.°]|[ \t]?,[ \t]?-?\d)/.test(after)) continue;
      const a = Number(lat);
      const b = Number(lon);
      if (Math.abs(a) > 90 || Math.abs(b) > 180) continue;
      const marked = /[°NS]/.test(latH) || /[°EW]/.test(lonH);
      // Unmarked pairs need a comma and real-world magnitudes (not `0.995, 0.999` quantiles).
      if (!marked && (!sep.includes(',') || (Math.abs(a) < 1 && Math.abs(b) < 1))) continue;
      if (!marked && lat.split('.')[1]!.length < 4 && lon.split('.')[1]!.length < 4 && !/\b(?:lat|lon|lng|coord|location|gps|geo|site|position)/i.test(text.slice(Math.max(0, m.index - 80), m.index))) continue;
      add(m.index, m.index + m[0].length, `${round1(lat)}${latH}${sep}${round1(lon)}${lonH}`);
    }
    for (const m of text.matchAll(DMS)) {
      add(m.index, m.index + m[0].length, `${m[1]}°${m[4]}`);
    }
  },
};

export default rule;
