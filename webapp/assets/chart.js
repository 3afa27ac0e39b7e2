// The stats panel's line charts: inline SVG that the page's CSS colours, no library.

const SVG = 'http://www.w3.org/2000/svg';

/**
 * The chart in `svg[data-chart=name]`, with one polyline per series (class `series-<key>`,
 * data-series="<key>"). Returns a function that draws it from one array of values per series,
 * oldest first, of at most `samples` values: the newest at the right edge, all on one scale
 * from 0; a null (unknown) value gets no point.
 */
export function chart(name, series, samples) {
  const svg = document.querySelector(`svg[data-chart="${name}"]`);
  const [, , width, height] = svg.getAttribute('viewBox').split(' ').map(Number);
  const pad = 2; // keeps a line at 0 or at the top inside the frame
  const lines = series.map((key) => {
    const line = document.createElementNS(SVG, 'polyline');
    line.setAttribute('class', `series-${key}`);
    line.dataset.series = key;
    svg.append(line);
    return line;
  });
  return (columns) => {
    const top = Math.max(1, ...columns.flat().filter((value) => value !== null));
    columns.forEach((values, s) => {
      const first = samples - values.length;
      const points = values.flatMap((value, i) => {
        if (value === null) {
          return [];
        }
        const x = (width * (first + i)) / (samples - 1);
        const y = height - pad - ((height - 2 * pad) * value) / top;
        return [`${x.toFixed(2)},${y.toFixed(2)}`];
      });
      lines[s].setAttribute('points', points.join(' '));
    });
  };
}
