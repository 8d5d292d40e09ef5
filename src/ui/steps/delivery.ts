import type { CodeDeliveryDetails } from '../../signin/steps';

/** "We sent a code by text message to +*******0100." from Cognito's masked delivery details. */
export function deliverySentence(
  details: CodeDeliveryDetails | undefined,
  fallback: string,
): string {
  const medium =
    details?.deliveryMedium === 'SMS'
      ? 'by text message'
      : details?.deliveryMedium === 'EMAIL'
        ? 'by email'
        : undefined;
  if (details?.destination !== undefined && medium !== undefined) {
    return `We sent a code ${medium} to ${details.destination}.`;
  }
  if (details?.destination !== undefined) return `We sent a code to ${details.destination}.`;
  return fallback;
}
