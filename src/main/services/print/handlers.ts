import { printApi } from '../../../shared/print';
import { defineHandlers } from '../../ipc/define';

// pdfkit and fontkit load only when something is printed (the CLI starts faster).
const printing = () => import('./print');
const fonts = () => import('../../pdf/fonts');

export const printHandlers = defineHandlers(printApi, {
  'print/check': async ({ db, app }, input) => {
    const [{ checkBoardPrint, checkCardPrint }, { fontFile }] = await Promise.all([printing(), fonts()]);
    const font = fontFile(app.resourcesDir);
    return input.kind === 'cards'
      ? checkCardPrint(db, input.gridId, font, input)
      : checkBoardPrint(db, input.gridId, font, input);
  },
  'print/cards': async ({ db, app }, { out, ...input }) => {
    const [{ printCards }, { fontFile }] = await Promise.all([printing(), fonts()]);
    const signal = app.tasks.start('print');
    const r = await printCards(db, input.gridId, out, fontFile(app.resourcesDir), {
      ...input,
      isCancelled: () => signal.aborted,
      onProgress: (done, total) =>
        app.emit('progress', { task: 'print', done, total, message: `已生成 ${done} / ${total} 张` }),
    });
    return { file: out, pages: r.pages, warnings: r.warnings };
  },
  'print/signboard': async ({ db, app }, { out, ...input }) => {
    const [{ printBoards }, { fontFile }] = await Promise.all([printing(), fonts()]);
    const r = await printBoards(db, input.gridId, out, fontFile(app.resourcesDir), input);
    return { file: out, pages: r.pages, warnings: r.warnings };
  },
  'print/householdList': async ({ db, app }, { out, gridId }) => {
    const [{ printHouseholdList }, { fontFile }] = await Promise.all([import('./household-list'), fonts()]);
    return { file: out, ...(await printHouseholdList(db, gridId, out, fontFile(app.resourcesDir))) };
  },
  'print/logSheets': async ({ db, app }, { out, ...req }) => {
    const [{ printLogSheets }, { fontFile }] = await Promise.all([import('./log-sheets'), fonts()]);
    return { file: out, ...(await printLogSheets(db, req, out, fontFile(app.resourcesDir))) };
  },
  'print/cancel': async ({ app }) => {
    app.tasks.cancel('print');
    return { cancelled: true };
  },
});
