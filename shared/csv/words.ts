// Words other trackers write in their users' languages: yes/no, billable and invoiced values,
// and localised column headers, read back to what the importer's FORMATS expect.
//
// Which products localise their CSV: Clockify writes its detailed report in the language of the
// person exporting (web app: English, French, German, Spanish, Portuguese — Clockify help,
// "Profile settings › Change language", scraped in apet97/1rag knowledge_base/administration/
// profile-settings.md; solidtime-io/solidtime issue #294: "Clockify export the data with the
// language that the user have selected"). Toggl Track and Harvest exports seen in public code are
// English even for German users, so their headers need no table. No product export in Dutch,
// Japanese, Turkish or Norwegian was found: those tables hold the standard word for the language,
// for files people translate or re-save themselves, not a product's verified spelling.
//
// Marks in the tables: "verified" = seen in a real export or in code that reads one, source named;
// everything else is the common word for the language.

interface Glossary {
  /** Column headers, localised → the English the importer's FORMATS use (Clockify's spelling). */
  headers: Readonly<Record<string, string>>;
  /** Money columns; the file adds its currency, kept as is: "Rechnungsbetrag (EUR)". */
  money: Readonly<Record<string, string>>;
  yes: readonly string[];
  no: readonly string[];
  /** Values of a Billable column that name the state instead of saying yes or no. */
  billable: readonly string[];
  notBillable: readonly string[];
  /** Values of an Invoiced column (Clockify "Invoiced", Harvest "Invoiced?"). */
  invoiced: readonly string[];
  notInvoiced: readonly string[];
}

const en: Glossary = {
  // English headers are what FORMATS use already; Toggl ("Start date") and Clockify ("Start Date")
  // differ in case, so they are not folded here.
  headers: {},
  money: {},
  // verified: Clockify writes Yes/No (solidtime-io/solidtime app/Service/Import/Importers/
  // ClockifyTimeEntriesImporter.php accepts only those); Toggl and Harvest write Yes/No too.
  yes: ['Yes', 'Y', 'True', '1'],
  no: ['No', 'N', 'False', '0'],
  billable: ['Billable'],
  notBillable: ['Non-billable', 'Nonbillable', 'Not billable', 'Unbillable'],
  invoiced: ['Invoiced'],
  notInvoiced: ['Uninvoiced', 'Not invoiced'],
};

const de: Glossary = {
  headers: {
    // verified: Clockify's German detailed-report header, potoku/clockify-to-clockodo index.js
    Projekt: 'Project', Kunde: 'Client', Beschreibung: 'Description', Aufgabe: 'Task',
    Benutzer: 'User', Gruppe: 'Group', Email: 'Email', Tags: 'Tags', Abrechenbar: 'Billable',
    Startdatum: 'Start Date', Startzeit: 'Start Time', Enddatum: 'End Date', Endzeit: 'End Time',
    'Dauer (h)': 'Duration (h)', 'Dauer (dezimal)': 'Duration (decimal)',
    // seen as an alternative spelling in public scripts that read German Clockify files
    'Dauer (Dezimalzahl)': 'Duration (decimal)',
    // common words
    'E-Mail': 'Email', Abgerechnet: 'Invoiced', 'Rechnungs-ID': 'Invoice ID', Dauer: 'Duration',
  },
  // verified: potoku/clockify-to-clockodo ("Abrechenbarer Tarif (CHF)", "Rechnungsbetrag (CHF)")
  money: { 'Abrechenbarer Tarif': 'Billable Rate', Rechnungsbetrag: 'Billable Amount', Betrag: 'Amount' },
  // verified: Ja (potoku/clockify-to-clockodo reads 'ja'; a public dashboard over a German Clockify
  // export colours 'Ja'/'Nein'); Wahr/Falsch: what German Excel writes for TRUE/FALSE on re-save
  yes: ['Ja', 'Wahr'],
  no: ['Nein', 'Falsch'],
  billable: ['Abrechenbar', 'Verrechenbar'],
  notBillable: ['Nicht abrechenbar', 'Nicht verrechenbar'],
  invoiced: ['Abgerechnet', 'Fakturiert', 'Verrechnet', 'In Rechnung gestellt'],
  notInvoiced: ['Nicht abgerechnet', 'Nicht fakturiert', 'Nicht verrechnet', 'Nicht in Rechnung gestellt'],
};

const fr: Glossary = {
  headers: {
    // verified: mohamedksiaa/internship-project config/import_column_mapping_clockify.json
    Projet: 'Project', Client: 'Client', Groupe: 'Group', Description: 'Description', Email: 'Email',
    Utilisateur: 'User', Facturable: 'Billable', 'Date de début': 'Start Date',
    'Heure de début': 'Start Time', 'Date de fin': 'End Date', 'Heure de fin': 'End Time',
    'Durée (décimal)': 'Duration (decimal)',
    // common words
    Tâche: 'Task', Étiquettes: 'Tags', 'E-mail': 'Email', 'Durée (h)': 'Duration (h)',
    Facturé: 'Invoiced', 'ID de facture': 'Invoice ID', Durée: 'Duration',
  },
  money: { 'Taux facturable': 'Billable Rate', 'Montant facturable': 'Billable Amount', Montant: 'Amount' },
  // verified: Oui (same config, billable_true_values); Vrai/Faux: French Excel's TRUE/FALSE
  yes: ['Oui', 'Vrai'],
  no: ['Non', 'Faux'],
  billable: ['Facturable'],
  notBillable: ['Non facturable'],
  invoiced: ['Facturé'],
  notInvoiced: ['Non facturé'],
};

const es: Glossary = {
  headers: {
    // verified: a real Clockify export, miguellosoyo/SKU "Informe Detallado de Horas 4.csv"
    Proyecto: 'Project', Cliente: 'Client', Descripción: 'Description', Tarea: 'Task',
    Usuario: 'User', Grupo: 'Group', 'Correo electrónico': 'Email', Etiquetas: 'Tags',
    Facturable: 'Billable', Facturado: 'Invoiced', 'ID de factura': 'Invoice ID',
    'Fecha de inicio': 'Start Date', 'Hora de inicio': 'Start Time',
    'Fecha de finalización': 'End Date', 'Hora de finalización': 'End Time',
    'Duración (h)': 'Duration (h)', 'Duración (decimal)': 'Duration (decimal)',
    // seen in a public test's "Toggl/Clockify" header (repository not identified)
    Correo: 'Email', 'Fecha inicio': 'Start Date', 'Hora inicio': 'Start Time',
    'Fecha fin': 'End Date', 'Hora fin': 'End Time',
    // common word
    Duración: 'Duration',
  },
  // verified: "Tarifa facturable (USD)", "Importe facturable (USD)" in the same file
  money: { 'Tarifa facturable': 'Billable Rate', 'Importe facturable': 'Billable Amount', Tarifa: 'Billable Rate', Importe: 'Amount' },
  // verified: Sí / No in the same file's Facturable and Facturado columns
  yes: ['Sí', 'Verdadero'],
  no: ['No', 'Falso'],
  billable: ['Facturable'],
  notBillable: ['No facturable'],
  invoiced: ['Facturado'],
  notInvoiced: ['No facturado'],
};

const pt: Glossary = {
  headers: {
    // seen in public code that imports Clockify's Portuguese report (repository not identified)
    Projeto: 'Project', Cliente: 'Client', Descrição: 'Description', Tarefa: 'Task',
    Usuário: 'User', Grupo: 'Group', 'E-mail': 'Email', Etiquetas: 'Tags', Faturável: 'Billable',
    'Data de início': 'Start Date', 'Hora de início': 'Start Time', 'Data de término': 'End Date',
    'Hora de término': 'End Time', 'Duração (h)': 'Duration (h)', 'Duração (decimal)': 'Duration (decimal)',
    // seen in a script formatting Clockify exports (another Portuguese wording; repository not identified)
    'Do utilizador': 'User', 'Data final': 'End Date', Etiqueta: 'Tags',
    // common words
    Utilizador: 'User', Faturado: 'Invoiced', 'ID da fatura': 'Invoice ID', Duração: 'Duration',
  },
  money: { 'Taxa faturável': 'Billable Rate', 'Valor faturável': 'Billable Amount', Valor: 'Amount' },
  // seen: Sim / Não in the same code's test rows
  yes: ['Sim', 'Verdadeiro'],
  no: ['Não', 'Falso'],
  billable: ['Faturável'],
  notBillable: ['Não faturável'],
  invoiced: ['Faturado'],
  notInvoiced: ['Não faturado'],
};

const nl: Glossary = {
  // common words throughout
  headers: {
    Project: 'Project', Klant: 'Client', Omschrijving: 'Description', Beschrijving: 'Description',
    Taak: 'Task', Gebruiker: 'User', Medewerker: 'User', Groep: 'Group', 'E-mail': 'Email',
    Tags: 'Tags', Factureerbaar: 'Billable', Gefactureerd: 'Invoiced', Startdatum: 'Start Date',
    Starttijd: 'Start Time', Einddatum: 'End Date', Eindtijd: 'End Time', 'Duur (u)': 'Duration (h)',
    'Duur (h)': 'Duration (h)', 'Duur (decimaal)': 'Duration (decimal)', Duur: 'Duration',
  },
  money: { 'Factureerbaar tarief': 'Billable Rate', 'Factureerbaar bedrag': 'Billable Amount', Bedrag: 'Amount' },
  yes: ['Ja', 'Waar'],
  no: ['Nee', 'Onwaar'],
  billable: ['Factureerbaar'],
  notBillable: ['Niet factureerbaar'],
  invoiced: ['Gefactureerd'],
  notInvoiced: ['Niet gefactureerd'],
};

const ja: Glossary = {
  // common words throughout; full-width brackets and letters are folded (NFKC) before lookup
  headers: {
    プロジェクト: 'Project', クライアント: 'Client', 説明: 'Description', タスク: 'Task',
    ユーザー: 'User', グループ: 'Group', メール: 'Email', メールアドレス: 'Email', タグ: 'Tags',
    請求可能: 'Billable', 請求済み: 'Invoiced', 開始日: 'Start Date', 開始時刻: 'Start Time',
    開始時間: 'Start Time', 終了日: 'End Date', 終了時刻: 'End Time', 終了時間: 'End Time',
    '時間 (h)': 'Duration (h)', '時間 (10進数)': 'Duration (decimal)', 期間: 'Duration',
  },
  money: { 請求レート: 'Billable Rate', 請求金額: 'Billable Amount', 金額: 'Amount' },
  yes: ['はい'],
  no: ['いいえ'],
  billable: ['請求可能', '請求対象'],
  notBillable: ['請求不可', '請求対象外'],
  invoiced: ['請求済み', '請求済'],
  notInvoiced: ['未請求'],
};

const tr: Glossary = {
  // common words throughout
  headers: {
    Proje: 'Project', Müşteri: 'Client', Açıklama: 'Description', Görev: 'Task',
    Kullanıcı: 'User', Grup: 'Group', 'E-posta': 'Email', Etiketler: 'Tags',
    Faturalandırılabilir: 'Billable', Faturalandı: 'Invoiced', 'Başlangıç tarihi': 'Start Date',
    'Başlangıç saati': 'Start Time', 'Bitiş tarihi': 'End Date', 'Bitiş saati': 'End Time',
    'Süre (sa)': 'Duration (h)', 'Süre (s)': 'Duration (h)', 'Süre (ondalık)': 'Duration (decimal)',
    Süre: 'Duration',
  },
  money: { 'Faturalandırılabilir ücret': 'Billable Rate', 'Faturalandırılabilir tutar': 'Billable Amount', Tutar: 'Amount' },
  yes: ['Evet', 'Doğru'],
  no: ['Hayır', 'Yanlış'],
  billable: ['Faturalandırılabilir', 'Faturalanabilir'],
  notBillable: ['Faturalandırılamaz', 'Faturalanamaz', 'Faturalandırılamayan'],
  invoiced: ['Faturalandı', 'Faturalandırıldı', 'Faturalı'],
  notInvoiced: ['Faturalanmadı', 'Faturalandırılmadı', 'Faturasız'],
};

const nb: Glossary = {
  // Norwegian (bokmål), common words throughout
  headers: {
    Prosjekt: 'Project', Kunde: 'Client', Beskrivelse: 'Description', Oppgave: 'Task',
    Bruker: 'User', Gruppe: 'Group', 'E-post': 'Email', Tagger: 'Tags', Etiketter: 'Tags',
    Fakturerbar: 'Billable', Fakturert: 'Invoiced', Startdato: 'Start Date', Starttid: 'Start Time',
    Sluttdato: 'End Date', Sluttid: 'End Time', 'Varighet (t)': 'Duration (h)',
    'Varighet (h)': 'Duration (h)', 'Varighet (desimal)': 'Duration (decimal)', Varighet: 'Duration',
  },
  money: { 'Fakturerbar sats': 'Billable Rate', 'Fakturerbart beløp': 'Billable Amount', Beløp: 'Amount' },
  // Sann/Usann: Norwegian Excel's TRUE/FALSE
  yes: ['Ja', 'Sann'],
  no: ['Nei', 'Usann'],
  billable: ['Fakturerbar', 'Fakturerbart'],
  notBillable: ['Ikke fakturerbar', 'Ikke fakturerbart'],
  invoiced: ['Fakturert'],
  notInvoiced: ['Ikke fakturert'],
};

const GLOSSARIES: readonly Glossary[] = [en, de, fr, es, pt, nl, ja, tr, nb];

/**
 * The form words are compared in: NFKC (full-width "ＹＥＳ" → "YES"), trimmed, lower case, accents
 * and hyphens dropped ("NÃO" → "nao", "Non-billable" → "non billable"), Turkish dotless ı as i,
 * one space before a bracket ("時間（h）" and "時間 (h)" alike).
 */
function fold(text: string): string {
  return text
    .normalize('NFKC')
    .toLocaleLowerCase('und')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ı/g, 'i')
    .replace(/-/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/ ?\( ?/g, ' (')
    .replace(/ ?\)/g, ')')
    .trim();
}

/** Folded word → meaning; refuses a table where one word would mean both things. */
function indexWords(truths: readonly string[], falsehoods: readonly string[]): ReadonlyMap<string, boolean> {
  const index = new Map<string, boolean>();
  const add = (word: string, meaning: boolean) => {
    if (index.get(fold(word)) === !meaning) throw new Error(`"${word}" would read as both yes and no.`);
    index.set(fold(word), meaning);
  };
  truths.forEach((word) => add(word, true));
  falsehoods.forEach((word) => add(word, false));
  return index;
}

/** Folded header → English header; refuses a header two languages would read differently. */
function indexHeaders(tables: readonly Readonly<Record<string, string>>[]): ReadonlyMap<string, string> {
  const index = new Map<string, string>();
  for (const [local, english] of tables.flatMap((table) => Object.entries(table))) {
    const known = index.get(fold(local));
    if (known !== undefined && known !== english) throw new Error(`"${local}" would read as both ${known} and ${english}.`);
    index.set(fold(local), english);
  }
  return index;
}

const every = (pick: (g: Glossary) => readonly string[]) => GLOSSARIES.flatMap(pick);
const BILLABLE_WORDS = indexWords(every((g) => [...g.yes, ...g.billable]), every((g) => [...g.no, ...g.notBillable]));
const INVOICED_WORDS = indexWords(every((g) => [...g.yes, ...g.invoiced]), every((g) => [...g.no, ...g.notInvoiced]));
const HEADERS = indexHeaders(GLOSSARIES.map((g) => g.headers));
const MONEY_HEADERS = indexHeaders(GLOSSARIES.map((g) => g.money));

function readWord(value: string, words: ReadonlyMap<string, boolean>): boolean | null | undefined {
  const key = fold(value);
  return key === '' ? null : words.get(key);
}

/**
 * A yes/no or billable/non-billable cell in any of the glossary's languages ("Ja", "Sí", "NÃO",
 * "Non facturable", "ＹＥＳ"): null when empty (the project's default applies), undefined when the
 * word is not known (the caller leaves the field empty and warns; the row is still imported).
 */
export function readYesNo(value: string): boolean | null | undefined {
  return readWord(value, BILLABLE_WORDS);
}

/** An invoiced cell: yes/no words or "Invoiced", "Abgerechnet", "Facturado", "未請求"…; null when empty, undefined when unknown. */
export function readInvoiced(value: string): boolean | null | undefined {
  return readWord(value, INVOICED_WORDS);
}

/**
 * The English header the importer's FORMATS use for a localised one ("Startdatum" → "Start Date",
 * "Rechnungsbetrag (EUR)" → "Billable Amount (EUR)", keeping the file's currency); anything
 * unknown, English included, comes back as written, trimmed.
 */
export function canonicalHeader(header: string): string {
  const text = header.normalize('NFKC').trim();
  const known = HEADERS.get(fold(text)) ?? MONEY_HEADERS.get(fold(text));
  if (known !== undefined) return known;
  const priced = /^(.+?)\s*\(([a-z]{3})\)$/i.exec(text);
  const money = priced ? MONEY_HEADERS.get(fold(priced[1]!)) : undefined;
  return money !== undefined ? `${money} (${priced![2]!.toUpperCase()})` : header.trim();
}
