import { describe, expect, it } from 'vitest';
import { notificationHealthMessage } from '../../../src/renderer/src/lib/notification-health';

describe('notification health banner text', () => {
  it('says nothing while notifications work or before the main process knows', () => {
    expect(notificationHealthMessage(undefined)).toBeNull();
    expect(notificationHealthMessage({ state: 'ok' })).toBeNull();
  });

  it('points to System Settings when macOS refuses them', () => {
    expect(notificationHealthMessage({ state: 'failing', reason: 'not allowed' })?.title).toBe(
      "Hubwatch can't show notifications — open System Settings",
    );
  });

  it('says so where they are unsupported', () => {
    expect(notificationHealthMessage({ state: 'unsupported' })?.title).toContain("can't show notifications");
  });
});
