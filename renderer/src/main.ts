import { mount } from 'svelte';
import './styles.css';
import App from './App.svelte';
import { createClient } from './lib/api';

const target = document.getElementById('app');
if (!target) throw new Error('index.html lacks #app');
mount(App, { target, props: { client: createClient() } });
