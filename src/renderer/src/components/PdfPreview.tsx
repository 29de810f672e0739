import { useEffect, useRef, useState } from 'react';
import { Center, Loader, Text } from '@mantine/core';
import * as pdfjs from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';

pdfjs.GlobalWorkerOptions.workerSrc = workerUrl;

/** Renders the first page of a PDF (base64) into a canvas. */
export function PdfPreview({ data, width }: { data: string; width: number }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [state, setState] = useState<'loading' | 'done' | 'failed'>('loading');
  useEffect(() => {
    let cancelled = false;
    const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
    const task = pdfjs.getDocument({ data: bytes, isEvalSupported: false });
    void (async () => {
      try {
        const doc = await task.promise;
        const page = await doc.getPage(1);
        const base = page.getViewport({ scale: 1 });
        const viewport = page.getViewport({ scale: (width / base.width) * window.devicePixelRatio });
        const el = canvas.current;
        if (!el || cancelled) return;
        el.width = viewport.width;
        el.height = viewport.height;
        el.style.width = `${width}px`;
        await page.render({ canvas: el, viewport }).promise;
        if (!cancelled) setState('done');
      } catch {
        if (!cancelled) setState('failed');
      }
    })();
    return () => {
      cancelled = true;
      void task.destroy();
    };
  }, [data, width]);
  return (
    <div style={{ position: 'relative' }}>
      <canvas
        ref={canvas}
        data-testid="pdf-preview"
        data-state={state}
        style={{ boxShadow: '0 1px 6px rgba(0,0,0,.25)', background: '#fff' }}
      />
      {state === 'loading' && (
        <Center pos="absolute" inset={0}>
          <Loader size="sm" />
        </Center>
      )}
      {state === 'failed' && <Text c="red">预览失败</Text>}
    </div>
  );
}
