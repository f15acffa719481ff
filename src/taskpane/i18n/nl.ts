import type { PaneMessageKey } from "./en";

/** Dutch texts of the task pane; typed so that a missing key is a compile error. */
export const nl: Record<PaneMessageKey, string> = {
  "app.title": "Partnerkaart",
  "app.loading": "Het actieve blad wordt gelezen…",
  "app.noExcel.title": "Open Partnerkaart in Excel",
  "app.noExcel.body":
    "Dit taakvenster werkt in Excel (op de computer of online). Open een werkmap met een partnerregister en start Partnerkaart vanaf het tabblad Start.",

  "register.heading": "Register",
  "register.foundTable": "Tabel {table} op blad \"{sheet}\", {address}",
  "register.foundRange": "Bereik {address} op blad \"{sheet}\"",
  "register.partners": "Geanalyseerde partners: {count}",
  "register.skippedCount": "Overgeslagen rijen: {count} (zie hieronder)",
  "register.noneSkipped": "Geen rijen overgeslagen",
  "register.reread": "Opnieuw analyseren",
  "register.announceFound": "Register gevonden op blad {sheet}: {count} partners.",

  "nothing.title": "Geen partnerregister gevonden",
  "nothing.help":
    "Selecteer de tabel met uw partners en kies Opnieuw analyseren, of voeg een kopregel toe met de kolommen Partner, Invloed en Afhankelijkheid.",
  "nothing.resetCorrections": "Mijn correcties ongedaan maken",

  "mapping.heading": "Kolommen",
  "mapping.hint": "Controleer hoe elke kolom is herkend; kies een andere kolom waar de gok niet klopt.",
  "mapping.none": "(geen)",
  "mapping.columnOption": "{letter}: {header}",
  "mapping.userChosen": "door u gekozen",

  "scale.heading": "Schalen",
  "scale.influence": "Schaal van invloed",
  "scale.dependency": "Schaal van afhankelijkheid",
  "scale.min": "Laagste",
  "scale.max": "Hoogste",
  "scale.summary": "{min}–{max} ({source})",
  "scale.source.header": "uit de kop",
  "scale.source.labels": "uit de labels",
  "scale.source.percentFormat": "uit de procentnotatie",
  "scale.source.values": "uit de waarden",
  "scale.source.user": "door u gekozen",
  "scale.labels": "Labels: {labels}",
  "scale.labelsFixed": "Een labelschaal volgt de labels en kan hier niet worden gewijzigd.",
  "scale.invalid": "Vul getallen in, de laagste kleiner dan de hoogste.",

  "line.heading": "Ambitielijn",
  "line.atLowest": "Vereiste invloed van een vervangbare partner",
  "line.atHighest": "Vereiste invloed van een onvervangbare partner",
  "line.threshold": "Hoge afhankelijkheid boven",
  "line.hintInfluence": "Tussen {min} en {max} op de schaal van invloed.",
  "line.hintThreshold": "Vanaf {min} tot (niet tot en met) {max} op de schaal van afhankelijkheid.",
  "line.notNumber": "Vul een getal in, bijvoorbeeld {example}.",
  "line.outsideInfluence": "Moet tussen {min} en {max} liggen, de schaal van invloed.",
  "line.outsideDependency": "Moet liggen vanaf {min} tot (niet tot en met) {max}, de schaal van afhankelijkheid.",
  "line.notRising":
    "De lijn stijgt: een onvervangbare partner heeft minstens zoveel invloed nodig als een vervangbare ({value}).",
  "line.preview": "Voorbeeld van de partners en de ambitielijn",
  "line.previewUnavailable": "Het voorbeeld verschijnt als de waarden kloppen.",

  "options.heading": "Opties",
  "options.mode": "Wat wordt geschreven",
  "options.mode.formulas": "Live formules (Excel rekent zelf)",
  "options.mode.values": "Alleen waarden",
  "options.chart": "Grafiek",
  "options.chart.enabled": "Grafiek tekenen",
  "options.chart.placement": "Plaats van de grafiek",
  "options.chart.placement.parameter-sheet": "Op het parameterblad",
  "options.chart.placement.beside-register": "Naast het register",
  "options.chart.labels": "Namen bij punten",
  "options.chart.labels.auto": "Automatisch",
  "options.chart.labels.hint": "Automatisch: alle partners, of alleen die onder de lijn als het er veel zijn.",
  "options.chart.labels.all": "Alle partners",
  "options.chart.labels.below-line": "Partners onder de lijn",
  "options.chart.labels.largest-subsidies": "Grootste subsidies",
  "options.chart.labels.none": "Geen namen",
  "options.chart.movement": "Laten zien waar partners heen moeten",
  "options.chart.sizeBySubsidy": "Puntgrootte naar subsidie",
  "options.chart.goal": "Maatschappelijk doel",
  "options.chart.goal.all": "Alle doelen",
  "options.chart.perGoal": "Eén grafiek per maatschappelijk doel",

  "apply.button": "Toepassen op de werkmap",
  "apply.again": "Opnieuw toepassen",
  "apply.busy": "Bezig met toepassen…",
  "apply.progress": "Voortgang",
  "apply.step.reading": "Blad lezen",
  "apply.step.analysing": "Analyseren",
  "apply.step.waiting-for-cell-edit":
    "Excel is een cel aan het bewerken: rond dat af (Enter of Esc), daarna schrijft Partnerkaart. U kunt ook annuleren.",
  "apply.step.writing-columns": "Kolommen schrijven",
  "apply.step.writing-parameters": "Parameterblad schrijven",
  "apply.step.writing-summary": "Overzicht schrijven",
  "apply.step.chart": "Grafiek tekenen",
  "apply.step.done": "Klaar",
  "notice.selfCheck.mismatch":
    "Excel berekende in {rows} rijen iets anders dan Partnerkaart (eerste: rij {row}, Excel toont \"{excel}\", verwacht \"{expected}\"). Een formule leest een tekst in deze Excel anders. Kies Alleen waarden en pas opnieuw toe om waarden te schrijven in plaats van formules.",
  "apply.fixFirst": "Verbeter eerst de gemarkeerde waarden.",

  "result.heading": "Resultaat",
  "result.done": "Geschreven op blad \"{sheet}\" en parameterblad \"{parameterSheet}\".",
  "result.announce": "Toegepast: {count} partners geschreven op blad {sheet}.",
  "result.byStrategy": "Per strategie",
  "result.byPosition": "Per positie",
  "result.col.strategy": "Strategie",
  "result.col.position": "Positie",
  "result.col.count": "Aantal",
  "result.col.subsidy": "Subsidie",
  "result.total": "Totaal",
  "result.notices": "Opmerkingen",
  "result.chart": "Grafiek \"{name}\" op blad \"{sheet}\".",
  "result.charts": "Grafieken op blad \"{sheet}\": {names}.",
  "result.columns": "Nieuwe kolommen op blad \"{sheet}\":",
  "result.column": "{letter}: {header}",
  "result.columnUnnamed": "Kolom {letter}",
  "result.position.above": "Op of boven de lijn",
  "result.position.below": "Onder de lijn",

  "skipped.heading": "Overgeslagen rijen",
  "skipped.select": "Rij {row} selecteren",
  "skipped.byReason": "Overgeslagen rijen per reden",
  "skipped.reasonCount": "{reason}: {count}",
  "skipped.shownOf": "De eerste {shown} van {count} overgeslagen rijen:",
  "skipped.showMore": "Nog {count} tonen",
  "skipped.reason.missing-partner": "Geen partnernaam",
  "skipped.reason.missing-influence": "Geen invloedscore",
  "skipped.reason.missing-dependency": "Geen afhankelijkheidsscore",
  "skipped.reason.unusable-influence": "Invloed is geen bruikbare score",
  "skipped.reason.unusable-dependency": "Afhankelijkheid is geen bruikbare score",
  "skipped.reason.influence-out-of-scale": "Invloed buiten de schaal",
  "skipped.reason.dependency-out-of-scale": "Afhankelijkheid buiten de schaal",
  "skipped.reason.error-value": "Een cel met een foutwaarde",

  "notes.heading": "Opmerkingen bij het register",
  "notes.moreDuplicates": "…en nog {count} partners die op meer dan één rij staan.",

  "changed.title": "Het register is gewijzigd",
  "changed.body": "Blad \"{sheet}\" is bewerkt nadat het is geanalyseerd. Er wordt niets geschreven totdat u daarom vraagt.",
  "changed.reanalyse": "Opnieuw analyseren",
  "changed.reapply": "Opnieuw analyseren en toepassen",

  "failure.title": "Dat is niet gelukt",
  "failure.details": "Technische details",
  "failure.dismiss": "Sluiten",
  "failure.protected-sheet":
    "Partnerkaart kan niet schrijven op {sheetRef}: het blad is beveiligd. Hef de beveiliging op (Controleren > Beveiliging blad opheffen) en probeer het opnieuw.",
  "failure.protected-workbook":
    "De structuur van deze werkmap is beveiligd, daardoor kan Partnerkaart zijn parameterblad voor {sheetRef} niet toevoegen. Hef de beveiliging op (Controleren > Werkmap beveiligen, zo nodig met het wachtwoord) en probeer het opnieuw.",
  "failure.write-dropped":
    "Excel heeft niet bewaard wat Partnerkaart op {sheetRef} schreef (dat gebeurt online terwijl een cel wordt bewerkt). Er is niets veranderd: rond het bewerken van de cel af (Enter of Esc) en pas opnieuw toe.",
  "failure.cancelled":
    "Gestopt: er is niets geschreven op {sheetRef}.",
  "failure.invalid-selection":
    "Excel kan de selectie niet lezen zolang een grafiek of vorm geselecteerd is. Klik op een cel van het register op {sheetRef} en probeer het opnieuw.",
  "failure.too-many-cells":
    "Excel online kan geen kolommen toevoegen aan zo'n lange tabel op {sheetRef} (er zouden meer dan 33.554.000 cellen verschuiven). Verwijder inhoud rechts van de tabel, of pas toe in Excel voor Windows of Mac.",
  "failure.no-room-to-insert":
    "Excel kan de nieuwe kolommen niet invoegen op {sheetRef}: iets in de laatste kolommen van het blad (een waarde of alleen opmaak) zou van het blad geschoven worden. Wis de kolommen helemaal rechts (XFD en ervoor) en probeer het opnieuw.",
  "failure.insert-delete-conflict":
    "Excel kan de nieuwe kolommen niet invoegen op {sheetRef}: een tabel, samengevoegde cellen of een matrixformule naast het register zit in de weg. Verplaats die, of maak van het register een tabel, en probeer het opnieuw.",
  "failure.merged-range-conflict":
    "Samengevoegde cellen op {sheetRef} zitten de nieuwe kolommen in de weg. Hef het samenvoegen rechts van het register op (Start > Samenvoegen en centreren) en probeer het opnieuw.",
  "failure.filtered-range-conflict":
    "Een filter op {sheetRef} zit in de weg. Wis het filter (Gegevens > Wissen) zodat alle rijen zichtbaar zijn, en probeer het opnieuw.",
  "failure.pivot-table-conflict":
    "Een draaitabel op {sheetRef} staat waar Partnerkaart wil schrijven. Verplaats de draaitabel en probeer het opnieuw.",
  "failure.formula-too-long":
    "Een formule die Partnerkaart schrijft op {sheetRef} werd langer dan Excel toestaat. Kort lange labelteksten op het parameterblad in, of kies Alleen waarden.",
  "failure.empty-chart-series":
    "Excel weigerde een grafiekreeks zonder punten voor het register op {sheetRef}. Zet de grafiek uit of controleer of partners scores hebben, en probeer het opnieuw.",
  "failure.cell-edit-mode": "Excel is bezig met het bewerken van een cel. Druk in de cel op Enter of Esc en probeer het opnieuw.",
  "failure.register-changed":
    "Het register op {sheetRef} is gewijzigd nadat het is geanalyseerd. Analyseer opnieuw, controleer het resultaat en pas opnieuw toe.",
  "failure.item-not-found": "Iets op {sheetRef} is intussen verwijderd of hernoemd. Analyseer opnieuw en probeer het nog eens.",
  "failure.payload-too-large":
    "Het register op {sheetRef} is te groot voor Excel om in één keer te verwerken. Kies Alleen waarden of een kleiner register.",
  "failure.invalid-argument":
    "Excel weigerde een waarde die Partnerkaart wilde schrijven op {sheetRef}. Meld de technische details.",
  "failure.unsupported-requirement-set":
    "Deze versie van Excel mist een functie die Partnerkaart nodig heeft. Werk Excel bij of gebruik Excel online.",
  "failure.no-register": "Er is geen partnerregister gevonden op {sheetRef}. Selecteer de tabel en analyseer opnieuw.",
  "failure.missing-column": "Het register op {sheetRef} mist een kolom die Partnerkaart nodig heeft. Controleer de kolomkeuzes.",
  "failure.unknown":
    "Er ging iets onverwachts mis op {sheetRef}. Probeer het opnieuw; blijft het gebeuren, meld dan de technische details.",
  "failure.sheetNamed": "blad \"{sheet}\"",
  "failure.noSheet": "het actieve blad",
};
