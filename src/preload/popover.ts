// Preload for the popover (sandboxed, built as CommonJS popover.cjs).
import { contextBridge } from 'electron';
import { createPopoverApi } from './popover-api';

contextBridge.exposeInMainWorld('api', createPopoverApi());
