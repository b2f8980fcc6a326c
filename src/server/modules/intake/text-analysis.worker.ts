/** The worker thread of `createTextAnalyser` (TEXT_ANALYSIS=thread). */
import { serveOffload } from '../../platform/offload.js';
import { analyseTexts } from './text-analysis.js';

serveOffload(analyseTexts);
