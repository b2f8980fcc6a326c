import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

echarts.use([BarChart, GridComponent, TooltipComponent, SVGRenderer]);

interface TRow {
  departmentCode: string;
  categoryCode: string;
  total: number;
  onTime: number;
}

/**
 * On-time share per department as a bar chart (ECharts, loaded only with this chunk), with the same figures
 * as a table for screen readers and keyboard users.
 */
export default function ComplianceChart({ rows, label }: { rows: TRow[]; label: string }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const byDepartment = new Map<string, { total: number; onTime: number }>();
  for (const r of rows) {
    const d = byDepartment.get(r.departmentCode) ?? { total: 0, onTime: 0 };
    d.total += r.total;
    d.onTime += r.onTime;
    byDepartment.set(r.departmentCode, d);
  }
  const departments = [...byDepartment.keys()];
  const shares = departments.map((d) => {
    const v = byDepartment.get(d);
    return v && v.total > 0 ? Math.round((v.onTime / v.total) * 1000) / 10 : 0;
  });

  const key = JSON.stringify([departments, shares]);
  useEffect(() => {
    if (!ref.current) return;
    const [names, values] = JSON.parse(key) as [string[], number[]];
    const chart = echarts.init(ref.current, undefined, { renderer: 'svg' });
    chart.setOption({
      grid: { left: 48, right: 16, top: 16, bottom: 32 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: names },
      yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      series: [{ type: 'bar', data: values, itemStyle: { color: '#0b5cad' } }],
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [key]);

  return (
    <figure className="chart">
      <div ref={ref} className="chart-canvas" role="img" aria-label={label} />
      <figcaption>
        <table className="data-table">
          <caption>{label}</caption>
          <thead>
            <tr>
              <th scope="col">{t('dashboard.department')}</th>
              <th scope="col">{t('dashboard.onTime')}</th>
              <th scope="col">{t('dashboard.total')}</th>
            </tr>
          </thead>
          <tbody>
            {departments.map((d) => (
              <tr key={d}>
                <th scope="row">{d}</th>
                <td>{byDepartment.get(d)?.onTime}</td>
                <td>{byDepartment.get(d)?.total}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </figcaption>
    </figure>
  );
}
