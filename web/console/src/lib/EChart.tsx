import { BarChart } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { useReducedMotion } from './useReducedMotion.ts';

// only what the console draws: bar charts with a grid, tooltip, legend and a target line
echarts.use([
  BarChart,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
  SVGRenderer,
]);

export type EChartOption = echarts.EChartsCoreOption;

/**
 * Apache ECharts through echarts/core (architecture.md: our own thin wrapper, since
 * echarts-for-react has an open React 19 issue): one chart per element, its option set on each
 * change, resized with the element, disposed when it goes; not animated when the system asks for
 * reduced motion. SVG, so that it prints sharp.
 */
export function EChart({
  option,
  height = 320,
  testId,
}: {
  option: EChartOption;
  height?: number;
  testId?: string;
}) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const reducedMotion = useReducedMotion();
  useEffect(() => {
    const el = element.current;
    if (!el) return undefined;
    const instance = echarts.init(el, undefined, { renderer: 'svg' });
    chart.current = instance;
    const resize = new ResizeObserver(() => instance.resize());
    resize.observe(el);
    return () => {
      resize.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption({ ...option, animation: !reducedMotion }, { notMerge: true });
  }, [option, reducedMotion]);
  return <div ref={element} style={{ width: '100%', height }} data-testid={testId} />;
}
