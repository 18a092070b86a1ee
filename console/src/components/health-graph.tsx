/**
 * The health graph (uPlot): the share of checkers reporting healthy, and each region's probe
 * latency, over time. Colours come from the stylesheet when it draws; it draws again when the
 * theme changes (the system's, or the console's own switch), so it follows light and dark.
 */
import { useEffect, useRef, useState } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { healthyShare, type Series } from '../lib/health-history.ts';

const PALETTE = ['#2563eb', '#d97706', '#059669', '#db2777', '#7c3aed', '#0891b2', '#65a30d', '#dc2626'];

/** Returns a number that changes whenever the light or dark theme does. */
function useThemeChanges(): number {
  const [changes, setChanges] = useState(0);
  useEffect(() => {
    const bump = () => setChanges((n) => n + 1);
    const system = window.matchMedia('(prefers-color-scheme: dark)');
    system.addEventListener('change', bump);
    const own = new MutationObserver(bump);
    own.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    return () => { system.removeEventListener('change', bump); own.disconnect(); };
  }, []);
  return changes;
}

/** Draws `series`; `label` describes the graph for screen readers. */
export function HealthGraph({ series, label }: { series: Series[]; label: string }) {
  const box = useRef<HTMLDivElement>(null);
  const theme = useThemeChanges();
  useEffect(() => {
    const el = box.current;
    if (!el || series.length === 0) return;
    const share = healthyShare(series);
    const times = share.map((p) => p.t);
    // undefined where this checker has no point (uPlot joins across it), null for a failed probe
    // (uPlot leaves a gap there).
    const latency = series.map((s) => times.map((t) => { const p = s.points.find((x) => x.t === t); return p ? p.latencyMs : undefined; }));
    const fg = getComputedStyle(document.documentElement).getPropertyValue('--fg').trim() || '#222';
    const grid = getComputedStyle(document.documentElement).getPropertyValue('--line').trim() || '#ddd';
    const axis = { stroke: fg, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid } };
    const plot = new uPlot({
      width: Math.max(280, el.clientWidth), height: 240,
      scales: { x: { time: true }, share: { range: [0, 1] }, ms: { auto: true } },
      // Time labels ("6:35:10am") are wider than uPlot's default 50 px between ticks.
      axes: [{ ...axis, space: 90 }, { ...axis, scale: 'share', values: (_u, v) => v.map((x) => `${Math.round(x * 100)}%`), label: 'healthy checkers' },
        { ...axis, scale: 'ms', side: 1, label: 'latency (ms)', grid: { show: false } }],
      series: [{}, { label: 'healthy checkers', scale: 'share', stroke: '#16a34a', fill: 'rgba(22,163,74,0.12)', width: 2, paths: uPlot.paths.stepped!({ align: 1 }) },
        // No line across failed probes: a gap shows the outage.
        ...series.map((s, i) => ({ label: `${s.region} latency`, scale: 'ms', stroke: PALETTE[i % PALETTE.length]!, width: 1.5, spanGaps: false }))],
    }, [times, share.map((p) => p.healthy), ...latency] as uPlot.AlignedData, el);
    const onResize = () => plot.setSize({ width: Math.max(280, el.clientWidth), height: 240 });
    window.addEventListener('resize', onResize);
    return () => { window.removeEventListener('resize', onResize); plot.destroy(); };
  }, [series, theme]);
  return <div ref={box} className="graph" role="img" aria-label={label} />;
}
