import { defineEdgeRules } from '@hatago/edge-rules';
import rules from '../config/edge.ts';

/**
 * Hatago's edge rules without the per-client rate limits: a benchmark's clients all come
 * from one loopback address, and the limits (30 bookings a minute per client) would measure
 * the limiter instead of the booking path. Everything else is the production rules file.
 */
export default defineEdgeRules({ ...rules, rateLimits: [] });
