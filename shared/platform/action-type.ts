/**
 * Meta's action types an operator most often counts as conversions, as `actions` and
 * `action_values` name them. Any other type the account reports (a custom conversion is
 * "offsite_conversion.custom.<id>") may be named too.
 */
export const COMMON_ACTION_TYPES = [
  'purchase',
  'offsite_conversion.fb_pixel_purchase',
  'omni_purchase',
  'lead',
  'offsite_conversion.fb_pixel_lead',
  'onsite_conversion.lead_grouped',
  'complete_registration',
  'offsite_conversion.fb_pixel_complete_registration',
  'initiate_checkout',
  'add_to_cart',
  'subscribe',
  'start_trial',
  'mobile_app_install',
] as const;

/** An action type as Meta spells them: lower-case words joined by "_", ".", "-" (custom conversions end in digits). */
export function isActionType(text: string): boolean {
  return /^[a-z0-9][a-z0-9_.-]{0,99}$/.test(text);
}
