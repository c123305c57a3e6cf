// Chart.js with only the parts the sandbox draws, registered once.
import { Chart, Decimation, Legend, LinearScale, LogarithmicScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js';

Chart.register(LineController, LineElement, PointElement, LinearScale, LogarithmicScale, Legend, Tooltip, Decimation);

export { Chart };
