// What the validator tests share: a valid host entry as a renderer sends it, and the message a refusal carries.
import { expect } from 'vitest';
import { ValidationError } from '../../../src/main/ipc/validate';

export const validHost = {
  id: 'h-1',
  name: 'Farm 1',
  url: 'https://farm-1.local:3080',
  auth: 'password',
  username: 'root',
  pinnedFingerprint: null,
  enabled: true,
};

/** The message of the ValidationError `run` throws (fails the test if it throws nothing or something else). */
export function messageOf(run: () => unknown): string {
  let thrown: unknown = null;
  try {
    run();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(ValidationError);
  expect((thrown as ValidationError).name).toBe('ValidationError');
  return (thrown as ValidationError).message;
}
