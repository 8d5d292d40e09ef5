/**
 * The screens where a password is chosen, in one chunk the popup loads when one of them shows
 * (step-view.tsx): they are off the common sign-in path, and they carry the pool's password
 * rules, which the popup's 20 kB initial budget has no room for.
 */
export { NewPasswordRequired } from './new-password-required';
export { ResetPassword } from './reset-password';
export { SignUp } from './sign-up';
