import type { Transporter } from 'nodemailer';
import type { SmtpChannel } from './config.js';
import { emailText, type OutboundMessage } from './message.js';

// A silent server must not hold a delivery run: every step of the SMTP dialogue is bounded.
const TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 };

const transports = new WeakMap<SmtpChannel, Transporter>();

/** nodemailer is loaded with the first e-mail, not at every start (issue 14). */
async function transportFor(smtp: SmtpChannel): Promise<Transporter> {
  let transport = transports.get(smtp);
  if (!transport) {
    const { default: nodemailer } = await import('nodemailer');
    transport = nodemailer.createTransport({ url: smtp.url, ...TIMEOUTS });
    transports.set(smtp, transport);
  }
  return transport;
}

/** Sends one notification by e-mail; its Message-ID is the delivery's, the same on every attempt. */
export async function sendEmail(smtp: SmtpChannel, message: OutboundMessage): Promise<void> {
  await (await transportFor(smtp)).sendMail({
    from: smtp.from,
    to: message.recipient,
    subject: message.subject,
    text: emailText(message),
    messageId: message.messageId,
  });
}
