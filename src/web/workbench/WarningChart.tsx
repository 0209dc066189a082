import { BarChart } from "echarts/charts";
import { GridComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { SVGRenderer } from "echarts/renderers";
import { useEffect, useRef } from "react";

echarts.use([BarChart, GridComponent, TooltipComponent, SVGRenderer]);

const CHART_HEIGHT = 240;

/**
 * The open cases of a region by warning level as a bar chart (ECharts, SVG). Only this chunk
 * imports ECharts, so the other workbench pages never download it. The figures are also in the
 * table beside it; the chart itself is one labelled image for screen readers.
 */
export function WarningChart({
  label,
  bars,
}: {
  label: string;
  bars: { name: string; value: number; color: string }[];
}) {
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (el.current === null) return;
    // The height is given here, not only by the stylesheet: when the chart is created before the
    // stylesheet applies, the container measures 0 px and ECharts would draw an empty picture.
    const chart = echarts.init(el.current, undefined, { renderer: "svg", height: CHART_HEIGHT });
    chart.setOption({
      animation: false,
      grid: { left: 40, right: 16, top: 16, bottom: 28 },
      tooltip: {},
      xAxis: { type: "category", data: bars.map((b) => b.name) },
      yAxis: { type: "value", minInterval: 1 },
      series: [
        {
          type: "bar",
          data: bars.map((b) => ({ value: b.value, itemStyle: { color: b.color } })),
          label: { show: true, position: "top" },
        },
      ],
    });
    // Follow the container's width (window resizes, layout changes after the stylesheet loads).
    const observer = new ResizeObserver(() => chart.resize({ height: CHART_HEIGHT }));
    observer.observe(el.current);
    return () => {
      observer.disconnect();
      chart.dispose();
    };
  }, [bars]);
  return <div ref={el} role="img" aria-label={label} className="wb-chart" data-testid="warning-chart" />;
}
