import { describe, expect, it } from 'vitest';
import { canonicalHeader, readInvoiced, readYesNo } from '../../../shared/csv/words';

/** What each language's exports write, as a person importing a file would see it. */
const LANGUAGES = {
  en: { yes: ['Yes', 'TRUE', '1', 'y'], no: ['No', 'false', '0', 'N'], billable: ['Billable'], notBillable: ['Non-billable', 'Not billable'], invoiced: ['Invoiced'], notInvoiced: ['Uninvoiced', 'Not invoiced'] },
  de: { yes: ['Ja', 'WAHR'], no: ['Nein', 'FALSCH'], billable: ['Abrechenbar'], notBillable: ['Nicht abrechenbar'], invoiced: ['Abgerechnet', 'Fakturiert'], notInvoiced: ['Nicht abgerechnet'] },
  fr: { yes: ['Oui', 'VRAI'], no: ['Non', 'FAUX'], billable: ['Facturable'], notBillable: ['Non facturable'], invoiced: ['Facturé'], notInvoiced: ['Non facturé'] },
  es: { yes: ['Sí', 'Si', 'VERDADERO'], no: ['No', 'FALSO'], billable: ['Facturable'], notBillable: ['No facturable'], invoiced: ['Facturado'], notInvoiced: ['No facturado'] },
  pt: { yes: ['Sim'], no: ['Não'], billable: ['Faturável'], notBillable: ['Não faturável'], invoiced: ['Faturado'], notInvoiced: ['Não faturado'] },
  nl: { yes: ['Ja', 'WAAR'], no: ['Nee', 'ONWAAR'], billable: ['Factureerbaar'], notBillable: ['Niet factureerbaar'], invoiced: ['Gefactureerd'], notInvoiced: ['Niet gefactureerd'] },
  ja: { yes: ['はい'], no: ['いいえ'], billable: ['請求可能'], notBillable: ['請求不可'], invoiced: ['請求済み'], notInvoiced: ['未請求'] },
  tr: { yes: ['Evet'], no: ['Hayır', 'HAYIR'], billable: ['Faturalandırılabilir'], notBillable: ['Faturalandırılamaz'], invoiced: ['Faturalandı'], notInvoiced: ['Faturalanmadı'] },
  nb: { yes: ['Ja', 'SANN'], no: ['Nei', 'USANN'], billable: ['Fakturerbar'], notBillable: ['Ikke fakturerbar'], invoiced: ['Fakturert'], notInvoiced: ['Ikke fakturert'] },
} as const;

describe.each(Object.entries(LANGUAGES))('words in %s', (_language, words) => {
  it('reads yes and no in a Billable column', () => {
    for (const word of words.yes) expect(readYesNo(word), word).toBe(true);
    for (const word of words.no) expect(readYesNo(word), word).toBe(false);
  });
  it('reads billable and non-billable written out', () => {
    for (const word of words.billable) expect(readYesNo(word), word).toBe(true);
    for (const word of words.notBillable) expect(readYesNo(word), word).toBe(false);
  });
  it('reads yes, no, invoiced and not invoiced in an Invoiced column', () => {
    for (const word of [...words.yes, ...words.invoiced]) expect(readInvoiced(word), word).toBe(true);
    for (const word of [...words.no, ...words.notInvoiced]) expect(readInvoiced(word), word).toBe(false);
  });
  it('does not take an invoiced word for billable, nor the other way round', () => {
    for (const word of words.notInvoiced) expect(readYesNo(word), word).not.toBe(true);
    for (const word of words.notBillable) expect(readInvoiced(word), word).not.toBe(true);
  });
});

describe('reading a yes/no cell', () => {
  it('ignores case, accents, spacing and full-width letters', () => {
    expect(readYesNo('ＹＥＳ')).toBe(true);
    expect(readYesNo('ｎｏ')).toBe(false);
    expect(readYesNo('  NÃO ')).toBe(false);
    expect(readYesNo('nao')).toBe(false);
    expect(readYesNo('SÍ')).toBe(true);
    expect(readYesNo('non-facturable')).toBe(false);
    expect(readYesNo('Nicht   abrechenbar')).toBe(false);
    expect(readInvoiced('FACTURE')).toBe(true);
    expect(readInvoiced('hayir')).toBe(false);
  });
  it('says null for an empty cell, so the project default applies', () => {
    expect(readYesNo('')).toBeNull();
    expect(readYesNo('   ')).toBeNull();
    expect(readInvoiced('')).toBeNull();
  });
  it('says undefined for a word it does not know, never a guess', () => {
    for (const word of ['vielleicht', 'maybe', '2', 'yes please', 'Invoiced']) expect(readYesNo(word), word).toBeUndefined();
    expect(readInvoiced('Billable')).toBeUndefined();
    expect(readInvoiced('peut-être')).toBeUndefined();
  });
  it('gives every yes word and every no word of every language one meaning in both columns', () => {
    const yes = Object.values(LANGUAGES).flatMap((w) => w.yes);
    const no = Object.values(LANGUAGES).flatMap((w) => w.no);
    expect(yes.filter((word) => readYesNo(word) !== true || readInvoiced(word) !== true)).toEqual([]);
    expect(no.filter((word) => readYesNo(word) !== false || readInvoiced(word) !== false)).toEqual([]);
  });
});

describe('canonicalHeader', () => {
  it.each([
    // de: Clockify's German detailed report
    ['Projekt', 'Project'], ['Kunde', 'Client'], ['Beschreibung', 'Description'], ['Aufgabe', 'Task'],
    ['Benutzer', 'User'], ['Gruppe', 'Group'], ['Abrechenbar', 'Billable'], ['Startdatum', 'Start Date'],
    ['Startzeit', 'Start Time'], ['Enddatum', 'End Date'], ['Endzeit', 'End Time'],
    ['Dauer (h)', 'Duration (h)'], ['Dauer (dezimal)', 'Duration (decimal)'],
    // fr
    ['Projet', 'Project'], ['Utilisateur', 'User'], ['Tâche', 'Task'], ['Facturable', 'Billable'],
    ['Date de début', 'Start Date'], ['Heure de début', 'Start Time'], ['Date de fin', 'End Date'],
    ['Heure de fin', 'End Time'], ['Durée (décimal)', 'Duration (decimal)'], ['Durée (h)', 'Duration (h)'],
    // es: a real Clockify export
    ['Proyecto', 'Project'], ['Descripción', 'Description'], ['Tarea', 'Task'], ['Usuario', 'User'],
    ['Correo electrónico', 'Email'], ['Etiquetas', 'Tags'], ['Facturado', 'Invoiced'],
    ['ID de factura', 'Invoice ID'], ['Fecha de inicio', 'Start Date'], ['Hora de inicio', 'Start Time'],
    ['Fecha de finalización', 'End Date'], ['Hora de finalización', 'End Time'],
    ['Duración (h)', 'Duration (h)'], ['Duración (decimal)', 'Duration (decimal)'],
    // pt
    ['Projeto', 'Project'], ['Descrição', 'Description'], ['Tarefa', 'Task'], ['Usuário', 'User'],
    ['Faturável', 'Billable'], ['Data de início', 'Start Date'], ['Hora de término', 'End Time'],
    ['Duração (decimal)', 'Duration (decimal)'],
    // nl
    ['Klant', 'Client'], ['Omschrijving', 'Description'], ['Taak', 'Task'], ['Gebruiker', 'User'],
    ['Factureerbaar', 'Billable'], ['Starttijd', 'Start Time'], ['Einddatum', 'End Date'],
    ['Duur (decimaal)', 'Duration (decimal)'],
    // ja
    ['プロジェクト', 'Project'], ['クライアント', 'Client'], ['説明', 'Description'], ['タスク', 'Task'],
    ['ユーザー', 'User'], ['請求可能', 'Billable'], ['開始日', 'Start Date'], ['開始時刻', 'Start Time'],
    ['終了日', 'End Date'], ['終了時刻', 'End Time'], ['時間（h）', 'Duration (h)'],
    // tr
    ['Proje', 'Project'], ['Müşteri', 'Client'], ['Açıklama', 'Description'], ['Görev', 'Task'],
    ['Kullanıcı', 'User'], ['Faturalandırılabilir', 'Billable'], ['Başlangıç tarihi', 'Start Date'],
    ['Başlangıç saati', 'Start Time'], ['Bitiş tarihi', 'End Date'], ['Bitiş saati', 'End Time'],
    // nb
    ['Prosjekt', 'Project'], ['Beskrivelse', 'Description'], ['Oppgave', 'Task'], ['Bruker', 'User'],
    ['Fakturerbar', 'Billable'], ['Startdato', 'Start Date'], ['Starttid', 'Start Time'],
    ['Sluttdato', 'End Date'], ['Sluttid', 'End Time'], ['E-post', 'Email'],
  ])('reads %s as %s', (local, english) => {
    expect(canonicalHeader(local)).toBe(english);
  });

  it('keeps the currency of a money column', () => {
    expect(canonicalHeader('Betrag (EUR)')).toBe('Amount (EUR)');
    expect(canonicalHeader('Rechnungsbetrag (CHF)')).toBe('Billable Amount (CHF)');
    expect(canonicalHeader('Abrechenbarer Tarif (CHF)')).toBe('Billable Rate (CHF)');
    expect(canonicalHeader('Montant facturable (EUR)')).toBe('Billable Amount (EUR)');
    expect(canonicalHeader('Importe facturable (USD)')).toBe('Billable Amount (USD)');
    expect(canonicalHeader('Tarifa facturable (MXN)')).toBe('Billable Rate (MXN)');
    expect(canonicalHeader('Valor faturável (BRL)')).toBe('Billable Amount (BRL)');
    expect(canonicalHeader('Factureerbaar bedrag (EUR)')).toBe('Billable Amount (EUR)');
    expect(canonicalHeader('請求金額 (JPY)')).toBe('Billable Amount (JPY)');
    expect(canonicalHeader('Tutar (TRY)')).toBe('Amount (TRY)');
    expect(canonicalHeader('Fakturerbart beløp (NOK)')).toBe('Billable Amount (NOK)');
    expect(canonicalHeader('betrag(eur)')).toBe('Amount (EUR)');
  });

  it('ignores case, accents, spacing and a byte-order mark', () => {
    expect(canonicalHeader(' STARTDATUM ')).toBe('Start Date');
    expect(canonicalHeader('\ufeffProjekt')).toBe('Project');
    expect(canonicalHeader('Duracion (h)')).toBe('Duration (h)');
    expect(canonicalHeader('fecha  de  inicio')).toBe('Start Date');
  });

  it('passes English and unknown headers through as written, trimmed', () => {
    for (const header of ['Start date', 'Start Date', 'Amount (USD)', 'Billable Rate (USD)', 'Billable?', 'Duration (h)']) {
      expect(canonicalHeader(header)).toBe(header);
    }
    expect(canonicalHeader('  Kostenstelle ')).toBe('Kostenstelle');
    expect(canonicalHeader('Projekt (ABC)')).toBe('Projekt (ABC)');
    expect(canonicalHeader('Dauer (min)')).toBe('Dauer (min)');
  });
});
