import { mount } from 'svelte';
import '../lib/theme.css';
import { popoverApi } from '../lib/bridge';
import App from './App.svelte';

const target = document.getElementById('app');
if (target === null) throw new Error('popover.html has no #app element');

mount(App, { target, props: { api: popoverApi() } });
