import { defineErrorCodes } from '@hatago/platform/errors';

export const PaymentErrors = defineErrorCodes(
  'INVALID_CARD', // the card number, expiry or security code cannot be a card (the tokeniser refuses it)
  'CARD_DECLINED', // the provider refused to hold the guarantee: declined, insufficient funds, unknown token
  'GUARANTEE_NOT_TAKEN', // a guarantee token was sent where no payment provider is configured
);
