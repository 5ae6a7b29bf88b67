// Preload for the settings window (sandboxed, built as CommonJS settings.cjs).
import { contextBridge } from 'electron';
import { settingsApi } from './settings-api';

contextBridge.exposeInMainWorld('api', settingsApi);
