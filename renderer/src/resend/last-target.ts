// The last target URL a re-send was sent to, for this window's session: a support engineer sending
// several deliveries to one endpoint types it once, whichever form sends.
const KEY = 'callback-inspector.resend.to';

export const lastTarget = (): string => sessionStorage.getItem(KEY) ?? '';

export const rememberTarget = (to: string): void => sessionStorage.setItem(KEY, to);
