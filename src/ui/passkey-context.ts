/**
 * The passkey API of the page, handed down to the passkey step and panel without threading it
 * through every step's props. Absent (null) where a page has none: those parts then say so.
 */
import { createContext } from 'preact';
import type { PasskeyPageApi } from '../passkeys/page-api';

export const PasskeyContext = createContext<PasskeyPageApi | null>(null);
