// Builds the full `ParallelsVM` object the real server returns from GET /machines and puts in `new_vm`: capitalised,
// prlctl-style keys plus the nested settings a client must ignore safely (shape copied from
// test/fixtures/events-hub/rest/machines.json, which follows src/models/virtual_machines.go).
import type { SimVm } from './types';

const HOST_EXTERNAL_IP = '203.0.113.7';

function internalIp(vm: SimVm): string {
  if (vm.state !== 'running') return '';
  // Stable per VM id so repeated fetches agree.
  let h = 0;
  for (const ch of vm.id) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return `10.211.55.${(h % 250) + 3}`;
}

export function toParallelsVm(vm: SimVm): Record<string, unknown> {
  const home = `/Users/${vm.user}/Parallels/${vm.name}.pvm/`;
  const ip = internalIp(vm);
  const isMac = vm.os === 'macosx';
  return {
    ID: vm.id,
    host_external_ip_address: HOST_EXTERNAL_IP,
    internal_ip_address: ip,
    user: vm.user,
    Name: vm.name,
    Description: '',
    Type: 'VM',
    State: vm.state,
    OS: vm.os,
    Template: 'no',
    Uptime: vm.uptime,
    'Home path': `${home}config.pvs`,
    Home: home,
    'Restore Image': '',
    GuestTools: { state: 'installed', version: '26.1.0-57288' },
    'Mouse and Keyboard': {
      'Smart mouse optimized for games': 'auto',
      'Sticky mouse': 'on',
      'Smooth scrolling': 'on',
      'Keyboard optimization mode': 'auto',
    },
    'USB and Bluetooth': {
      'Automatic sharing cameras': 'on',
      'Automatic sharing bluetooth': 'off',
      'Support USB 3.0': 'on',
    },
    'Startup and Shutdown': {
      Autostart: 'off',
      'Autostart delay': 0,
      Autostop: 'suspend',
      'Startup view': 'window',
      'On shutdown': 'close window',
      'On window close': 'suspend',
      'Pause idle': 'off',
      'Undo disks': 'off',
    },
    Optimization: {
      'Faster virtual machine': 'on',
      'Hypervisor type': 'apple',
      'Adaptive hypervisor': 'off',
      'Nested virtualization': 'off',
      'Resource quota': 'unlimited',
    },
    'Travel mode': { 'Enter condition': 'never', 'Enter threshold': -1, 'Quit condition': 'never' },
    Security: {
      Encrypted: 'off',
      'TPM enabled': 'off',
      'TPM type': 'None',
      'Custom password protection': 'off',
      'Configuration is locked': 'off',
      Protected: 'off',
      Archived: 'off',
      Packed: 'off',
    },
    'Smart Guard': { enabled: false },
    Modality: {
      'Opacity (percentage)': 50,
      'Stay on top': 'on',
      'Show on all spaces ': 'on',
      'Capture mouse clicks': 'on',
    },
    Fullscreen: { 'Use all displays': 'off', 'Activate spaces on click': 'on', 'Scale view mode': 'auto' },
    Coherence: { 'Show Windows systray in Mac menu': 'on', 'Auto-switch to full screen': 'on' },
    'Time Synchronization': { enabled: true, 'Smart mode': 'on', 'Interval (in seconds)': 60 },
    Expiration: { enabled: false },
    'Boot order': 'hdd0 cdrom0 usb net0',
    'BIOS type': 'efi-arm64',
    'EFI Secure boot': 'off',
    'Allow select boot device': 'off',
    'External boot device': '',
    'SMBIOS settings': { 'BIOS Version': '', 'System serial number': '', 'Board Manufacturer': '' },
    Hardware: {
      cpu: {
        cpus: isMac ? 8 : 4,
        auto: 'off',
        'VT-x': true,
        hotplug: false,
        accl: 'high',
        mode: '64',
        type: 'arm',
      },
      memory: { size: isMac ? '16384Mb' : '8192Mb', auto: 'off', hotplug: false },
      video: {
        'adapter-type': 'parallels',
        size: '0Mb',
        '3d-acceleration': 'highest',
        'vertical-sync': 'on',
      },
      memory_quota: { auto: 'on' },
      hdd0: {
        enabled: true,
        port: 'sata:0',
        image: `${home}harddisk.hdd`,
        type: 'expanded',
        size: '65536Mb',
      },
      cdrom0: { enabled: true, port: 'sata:1', image: '', state: 'disconnected' },
      usb: { enabled: true },
      net0: { enabled: true, type: 'shared', mac: '001C42ABCDEF', card: 'virtio' },
      sound0: { enabled: true, output: 'Default', mixer: 'Default' },
    },
    'Host Shared Folders': { enabled: true, Home: { enabled: true, path: `/Users/${vm.user}`, mode: 'rw' } },
    'Host defined sharing': 'Home Folder',
    'Shared Profile': { enabled: false },
    'Shared Applications': { enabled: false },
    SmartMount: { enabled: false },
    'Miscellaneous Sharing': { 'Shared clipboard': 'on', 'Shared cloud': 'off' },
    Advanced: {
      'VM hostname synchronization': 'on',
      'Public SSH keys synchronization': 'off',
      'Rosetta Linux': 'off',
    },
    'Print Management': { 'Synchronize with host printers': 'off', 'Show host printer UI': 'on' },
    'Guest Shared Folders': { enabled: true, Automount: 'on' },
    Network: { ipAddresses: ip ? [{ type: 'ipv4', ip }] : [] },
  };
}

/** The public docs' (wrong) `new_vm` shape, for clients that must accept both. */
export function toDocsVm(vm: SimVm): Record<string, unknown> {
  return { name: vm.name, os_type: vm.os, state: vm.state };
}
