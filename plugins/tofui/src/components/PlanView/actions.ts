import { PLAN_ACTIONS } from '@tofui/report';

/** How each action is shown: the report engine's table, as the HTML report shows it. */
export const ACTIONS = PLAN_ACTIONS;
