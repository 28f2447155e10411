/**
 * The signal channel on which the backend tells open tofUI pages that
 * reports changed (at most once a second; the message names nothing, pages
 * refetch under their own permissions).
 *
 * @public
 */
export const TOFUI_REPORTS_CHANNEL = 'tofui:reports';
