import type { AccountView, PageRequest } from '../../platform/protocol';
import type { FlowView, StepName, StepOf } from '../../signin/steps';

/** Sends a request to the background; resolves to whether it was accepted. */
export type SendRequest = (request: PageRequest) => Promise<boolean>;

/** What every step screen gets: its step data, the flow around it and a way to answer. */
export interface StepProps<N extends StepName> {
  step: StepOf<N>;
  flow: FlowView;
  account: AccountView;
  accounts: AccountView[];
  /** A request is running: submit buttons are disabled until it answers. */
  busy: boolean;
  send: SendRequest;
  now?: () => number;
}
