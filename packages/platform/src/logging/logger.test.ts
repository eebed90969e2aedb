import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { describe, test } from 'node:test';
import { context, ROOT_CONTEXT, trace } from '@opentelemetry/api';
import { createLogger, maskPersonalData, runWithRequestIds } from './logger.ts';

function capture() {
  const lines: Array<Record<string, any>> = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, any>);
      done();
    },
  });
  return { lines, logger: createLogger('test', 'info', destination) };
}

describe('log lines', () => {
  test('free text loses email addresses and phone numbers, and keeps dates, times, codes and amounts', () => {
    assert.equal(
      maskPersonalData('550 5.1.1 <taro.yamada+hotel@example.co.jp>: Recipient address rejected; call 090-1234-5678 or +81 90 1234 5678 or 0312345678'),
      '550 5.1.1 <[email]>: Recipient address rejected; call [phone] or [phone] or [phone]',
    );
    const harmless = 'HT7F3K9Q2MXA checkin 2027-01-15 19:00 for 2 nights, 54321 yen, request 3372ebf4-587c-4bf0-bc4c-0907ac2a1507';
    assert.equal(maskPersonalData(harmless), harmless);
  });

  test('a guest’s name, address and phone are redacted by field, in messages and in errors', () => {
    const { lines, logger } = capture();
    const guest = { name: '山田 太郎', email: 'taro@example.com', phone: '090-1234-5678' };
    logger.info({ guest, reservation: { code: 'HT1', guest } }, 'booking for taro@example.com');
    logger.error({ err: new Error('duplicate key (email)=(taro@example.com)'), error: 'SMTP 550 taro@example.com' }, 'send failed');
    const text = JSON.stringify(lines);
    for (const value of Object.values(guest)) assert.ok(!text.includes(value), `${value} in ${text}`);
    assert.equal(lines[0]!.guest.name, '[redacted]');
    assert.equal(lines[0]!.reservation.code, 'HT1');
    assert.equal(lines[0]!.msg, 'booking for [email]');
    assert.equal(lines[1]!.err.message, 'duplicate key (email)=([email])');
    assert.equal(lines[1]!.error, 'SMTP 550 [email]');
  });

  test('lines logged during a request carry its id, and the active trace and span ids', () => {
    const { lines, logger } = capture();
    const spanContext = { traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7', traceFlags: 1 };
    // the context manager is the SDK's; without one, trace.setSpan only travels through context.with's argument
    const active = trace.setSpanContext(ROOT_CONTEXT, spanContext);
    const originalActive = context.active;
    context.active = () => active;
    try {
      runWithRequestIds({ reqId: 'req-42', traceId: 'ffffffffffffffffffffffffffffffff' }, () => logger.info('inside'));
      logger.child({ reqId: 'req-42' }).info('own binding');
    } finally {
      context.active = originalActive;
    }
    logger.info('outside');
    assert.deepEqual([lines[0]!.reqId, lines[0]!.traceId, lines[0]!.spanId], ['req-42', spanContext.traceId, spanContext.spanId]);
    assert.equal(JSON.stringify(lines[1]).match(/"reqId"/g)?.length, 1, 'a request logger’s own id is not repeated');
    assert.equal(lines[2]!.reqId, undefined);
    assert.equal(lines[2]!.traceId, undefined);
  });

  test('an unrecorded request’s lines name the trace its caller stated', () => {
    const { lines, logger } = capture();
    runWithRequestIds({ reqId: 'req-43', traceId: '4bf92f3577b34da6a3ce929d0e0e4736' }, () => logger.info('inside'));
    runWithRequestIds({ reqId: 'req-44' }, () => logger.info('no trace'));
    assert.deepEqual([lines[0]!.reqId, lines[0]!.traceId, lines[0]!.spanId], ['req-43', '4bf92f3577b34da6a3ce929d0e0e4736', undefined]);
    assert.deepEqual([lines[1]!.reqId, lines[1]!.traceId], ['req-44', undefined]);
  });
});
