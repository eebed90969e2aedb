export { tokyoTime } from '@hatago/web-kit';
