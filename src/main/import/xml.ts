/**
 * Streams an xlsx part's XML through saxes, within limits. saxes never expands entities a
 * document declares itself (the "billion laughs" stay one undefined entity), and a DOCTYPE,
 * which Excel never writes, is refused outright.
 */
import { StringDecoder } from 'node:string_decoder';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { AppError } from '../errors';
import { fmtBytes } from './limits';

export interface XmlHandlers {
  /** `name` without its namespace prefix (some writers use x:row). */
  open(name: string, attributes: Record<string, string>): void;
  text(text: string): void;
  close(name: string): void;
}

export interface XmlSource {
  /** The file's name, at the start of messages. */
  file: string;
  /** The part, as the clerk may recognise it. */
  label: string;
  /** Most bytes between two '<': a text node or a tag longer than this is refused as it streams. */
  tokenBytes: number;
}

const local = (name: string) => {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
};

/** An attribute by its local name (r:id, x:r…). */
export function attr(attributes: Record<string, string>, name: string): string | undefined {
  if (name in attributes) return attributes[name];
  for (const key in attributes) if (local(key) === name) return attributes[key];
  return undefined;
}

function parserFor(source: XmlSource, h: XmlHandlers): SaxesParser {
  const parser = new SaxesParser({ position: false });
  parser.on('opentag', (tag) => h.open(local(tag.name), (tag as SaxesTagPlain).attributes));
  parser.on('closetag', (tag) => h.close(local(tag.name)));
  parser.on('text', (t) => h.text(t));
  parser.on('cdata', (t) => h.text(t));
  parser.on('doctype', () => {
    throw new AppError(
      'VALIDATION',
      `${source.file}：${source.label}含有 DTD 声明（<!DOCTYPE>）。Excel 保存的工作簿不会含有它，为安全起见拒绝读取。`,
    );
  });
  parser.on('error', (e) => {
    throw new AppError('VALIDATION', `${source.file}：文件已损坏（${source.label}的 XML 格式有误：${e.message}）。`);
  });
  return parser;
}

/**
 * Feeds a part's chunks to the handlers as they arrive. The token check looks at runs that span
 * chunks: within one chunk (64 KB at most) a run is shorter than any limit worth setting.
 */
export class XmlFeeder {
  private readonly parser: SaxesParser;
  private readonly decoder = new StringDecoder('utf8');
  private run = 0;
  private first = true;

  constructor(
    private readonly source: XmlSource,
    handlers: XmlHandlers,
  ) {
    this.parser = parserFor(source, handlers);
  }

  write(chunk: Buffer): void {
    const { source } = this;
    const lt = chunk.indexOf(0x3c);
    if (lt < 0) this.run += chunk.length;
    else {
      this.run += lt;
      if (this.run <= source.tokenBytes) this.run = chunk.length - chunk.lastIndexOf(0x3c) - 1;
    }
    if (this.run > source.tokenBytes) {
      throw new AppError(
        'VALIDATION',
        `${source.file}：${source.label}中有一段内容超过 ${fmtBytes(source.tokenBytes)} 而没有分隔，` +
          '超过了单元格内容的上限，不是正常的 Excel 文件。',
      );
    }
    let text = this.decoder.write(chunk);
    if (this.first && text) {
      text = text.replace(/^\uFEFF/, '');
      this.first = false;
    }
    this.parser.write(text);
  }

  end(): void {
    this.parser.write(this.decoder.end());
    this.parser.close();
  }
}

/** A whole part through the handlers. */
export async function parseXml(chunks: AsyncIterable<Buffer>, source: XmlSource, h: XmlHandlers): Promise<void> {
  const feeder = new XmlFeeder(source, h);
  for await (const chunk of chunks) feeder.write(chunk);
  feeder.end();
}
