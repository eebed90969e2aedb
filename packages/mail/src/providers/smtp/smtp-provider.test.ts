import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { SMTPServer } from 'smtp-server';
import { type OutgoingMessage, SendError } from '../mail-provider.ts';
import { SmtpProvider } from './smtp-provider.ts';

const message = (recipient: string): OutgoingMessage => ({
  id: 812,
  channel: 'email',
  recipient,
  category: 'reservation',
  template: 'reservation-confirmation',
  rendered: { channel: 'email', subject: 'Your reservation HT123 is confirmed', html: '<p>Hello <b>guest</b></p>', text: 'Hello guest' },
});

const smtpError = (code: number, text: string) => Object.assign(new Error(text), { responseCode: code });

// a real SMTP server in this process: what nodemailer writes on the wire is what we assert
describe('SMTP provider against a real SMTP server', () => {
  const received: Array<{ from: string; to: string[]; raw: string }> = [];
  let connections = 0;
  let server: SMTPServer;
  let provider: SmtpProvider;

  before(async () => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onConnect(_session, callback) {
        connections++;
        callback();
      },
      onRcptTo(address, _session, callback) {
        if (address.address.startsWith('later@')) return callback(smtpError(451, '4.3.0 Mailbox busy, try again later'));
        if (address.address.startsWith('nobody@')) return callback(smtpError(550, '5.1.1 No such user here'));
        callback();
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks).toString('utf8'),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.server.address() as AddressInfo).port;
    provider = new SmtpProvider({ url: `smtp://127.0.0.1:${port}`, from: { email: 'no-reply@hatago.example', name: 'Hatago' }, ratePerSecond: 10, timeoutMs: 5000 });
  });
  after(async () => {
    await provider.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  test('delivers a multipart/alternative mail with our Message-ID and message id header', async () => {
    const result = await provider.send(message('guest@example.com'));
    assert.match(result.providerMessageId!, /^<hatago\.812\.[0-9a-f]+@hatago\.example>$/);
    const mail = received.at(-1)!;
    assert.equal(mail.from, 'no-reply@hatago.example');
    assert.deepEqual(mail.to, ['guest@example.com']);
    const [headers, body] = [mail.raw.split('\r\n\r\n')[0]!, mail.raw];
    assert.match(headers, /^From: Hatago <no-reply@hatago\.example>$/m);
    assert.match(headers, /^To: guest@example\.com$/m);
    assert.match(headers, /^Subject: Your reservation HT123 is confirmed$/m);
    assert.match(headers, new RegExp(`^Message-ID: ${result.providerMessageId!.replace(/\./g, '\\.')}$`, 'm'));
    // header names are case-insensitive (RFC 5322); nodemailer writes its own capitalisation
    assert.match(headers, /^X-Hatago-Message-Id: 812$/im);
    assert.match(headers, /^Content-Type: multipart\/alternative;/m);
    // plain text first, then HTML: clients show the last alternative they understand
    const plain = body.indexOf('Content-Type: text/plain');
    const htmlPart = body.indexOf('Content-Type: text/html');
    assert.ok(plain > 0 && htmlPart > plain);
    assert.ok(body.includes('Hello guest') && body.includes('<p>Hello <b>guest</b></p>'));
  });

  test('mails share pooled connections instead of one connection each', async () => {
    const before = connections;
    await provider.send(message('guest1@example.com'));
    await provider.send(message('guest2@example.com'));
    await provider.send(message('guest3@example.com'));
    assert.ok(connections - before <= 1, `${connections - before} new connections for 3 mails`);
  });

  test('a 4xx reply is transient, a 5xx reply permanent, both with the server\'s words', async () => {
    await assert.rejects(provider.send(message('later@example.com')), (error: unknown) =>
      error instanceof SendError && error.kind === 'transient' && /Mailbox busy/.test(error.reason),
    );
    await assert.rejects(provider.send(message('nobody@example.com')), (error: unknown) =>
      error instanceof SendError && error.kind === 'permanent' && /No such user/.test(error.reason),
    );
  });

  test('an unreachable server is transient', async () => {
    const closed = new SMTPServer({ authOptional: true, disabledCommands: ['STARTTLS'], logger: false });
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.server.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const unreachable = new SmtpProvider({ url: `smtp://127.0.0.1:${port}`, from: { email: 'no-reply@hatago.example' }, ratePerSecond: 1, timeoutMs: 2000 });
    try {
      await assert.rejects(unreachable.send(message('guest@example.com')), (error: unknown) => error instanceof SendError && error.kind === 'transient');
    } finally {
      await unreachable.close();
    }
  });
});
