// nativeImage as macOS loads it (docs/api/native-image.md): a missing or unreadable file gives an EMPTY image
// (no throw), a file name ending in "Template" marks a template image, and a "@2x" sibling adds the 2x
// representation the menu bar uses on Retina displays.
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { strict, type ModelState } from './state';

interface Size {
  width: number;
  height: number;
}

/** Width/height from a PNG's IHDR chunk; null for anything that is not a PNG. */
function pngSize(file: string): Size | null {
  try {
    const head = readFileSync(file).subarray(0, 24);
    if (head.length < 24 || head.readUInt32BE(0) !== 0x89504e47) return null;
    return { width: head.readUInt32BE(16), height: head.readUInt32BE(20) };
  } catch {
    return null;
  }
}

export class ModelNativeImage {
  private template: boolean;
  constructor(
    readonly path: string | null,
    private readonly size: Size | null,
    readonly scaleFactors: readonly number[],
    template: boolean,
  ) {
    this.template = template;
  }
  isEmpty(): boolean {
    return this.size === null;
  }
  getSize(): Size {
    return this.size ?? { width: 0, height: 0 };
  }
  getScaleFactors(): number[] {
    return [...this.scaleFactors];
  }
  isTemplateImage(): boolean {
    return this.template;
  }
  setTemplateImage(option: boolean): void {
    this.template = option;
  }
}

export function createNativeImageModule(state: ModelState) {
  const make = (image: ModelNativeImage): ModelNativeImage => strict(image, 'NativeImage');
  return strict(
    {
      createFromPath(path: string): ModelNativeImage {
        state.calls.push('nativeImage.createFromPath');
        const size = existsSync(path) ? pngSize(path) : null;
        if (size === null) return make(new ModelNativeImage(null, null, [], false));
        const ext = extname(path);
        const stem = basename(path, ext);
        const retina = join(dirname(path), `${stem}@2x${ext}`);
        const scales = existsSync(retina) && pngSize(retina) !== null ? [1, 2] : [1];
        return make(new ModelNativeImage(path, size, scales, stem.endsWith('Template')));
      },
      createEmpty(): ModelNativeImage {
        return make(new ModelNativeImage(null, null, [], false));
      },
    },
    'nativeImage',
  );
}
