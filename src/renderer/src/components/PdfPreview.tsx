import { useEffect, useRef, useState } from 'react';
import { Box, Center, Loader, Text } from '@mantine/core';
import * as pdfjs from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';

pdfjs.GlobalWorkerOptions.workerSrc = workerUrl;

interface Drawn {
  data: string;
  width: number;
  ok: boolean;
}

function base64Bytes(data: string): Uint8Array {
  return Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
}

/**
 * Draws the first page into a canvas of its own, off screen, so the one on screen keeps the
 * previous page until the new one is complete. `onRender` gets the render task, to cancel it.
 */
async function drawOffscreen(
  doc: pdfjs.PDFDocumentProxy,
  width: number,
  onRender: (task: pdfjs.RenderTask) => void,
): Promise<HTMLCanvasElement> {
  const page = await doc.getPage(1);
  const base = page.getViewport({ scale: 1 });
  const viewport = page.getViewport({ scale: (width / base.width) * window.devicePixelRatio });
  const offscreen = document.createElement('canvas');
  offscreen.width = Math.ceil(viewport.width);
  offscreen.height = Math.ceil(viewport.height);
  const task = page.render({ canvas: offscreen, viewport });
  onRender(task);
  await task.promise;
  return offscreen;
}

/** Resizing a canvas clears it: the copy follows in the same task, before the browser paints. */
function show(target: HTMLCanvasElement, source: HTMLCanvasElement): void {
  target.width = source.width;
  target.height = source.height;
  target.getContext('2d')?.drawImage(source, 0, 0);
}

/**
 * Renders the first page of a PDF (base64). `width` is the resolution it is drawn at (CSS
 * pixels); on screen it shrinks to fit its panel. While a newer PDF is on its way (`pending`) or
 * being drawn, the previous page stays with a loader over it. `data-state` on the container is
 * `ready` only once the page on screen is the one for `data`.
 */
export function PdfPreview({
  data,
  width,
  pending = false,
}: {
  data: string | null;
  width: number;
  pending?: boolean;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [drawn, setDrawn] = useState<Drawn | null>(null);

  useEffect(() => {
    if (!data) return;
    let cancelled = false;
    let render: pdfjs.RenderTask | null = null;
    const loading = pdfjs.getDocument({ data: base64Bytes(data), isEvalSupported: false });
    void (async () => {
      try {
        const doc = await loading.promise;
        const offscreen = await drawOffscreen(doc, width, (task) => (render = task));
        // An older PDF that finished late never replaces a newer one.
        if (cancelled || !canvas.current) return;
        show(canvas.current, offscreen);
        setDrawn({ data, width, ok: true });
      } catch {
        if (!cancelled) setDrawn({ data, width, ok: false });
      }
    })();
    return () => {
      cancelled = true;
      render?.cancel();
      void loading.destroy();
    };
  }, [data, width]);

  const current = drawn !== null && drawn.data === data && drawn.width === width;
  const state = pending || !current ? 'loading' : drawn.ok ? 'ready' : 'failed';
  const hasPage = drawn?.ok === true;
  return (
    <Box
      pos="relative"
      w="100%"
      maw={width}
      data-testid="pdf-preview"
      data-state={state}
      aria-busy={state === 'loading'}
    >
      <canvas
        ref={canvas}
        style={{
          display: hasPage ? 'block' : 'none',
          width: '100%',
          height: 'auto',
          boxShadow: '0 1px 6px rgba(0,0,0,.25)',
          background: '#fff',
        }}
      />
      {state === 'loading' &&
        (hasPage ? (
          <Center pos="absolute" inset={0} bg="rgba(255,255,255,.45)">
            <Loader size="sm" />
          </Center>
        ) : (
          <Center h={160}>
            <Loader size="sm" />
          </Center>
        ))}
      {state === 'failed' && <Text c="red">预览失败，仍可生成 PDF 后查看</Text>}
    </Box>
  );
}
