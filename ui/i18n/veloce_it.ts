<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="it_IT">
<context>
    <name>AppSettings</name>
    <message>
        <source>You are a helpful assistant.</source>
        <translation>Sei un assistente disponibile.</translation>
    </message>
</context>
<context>
    <name>AppearanceSettingsPage</name>
    <message>
        <source>Theme</source>
        <translation>Tema</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>Come il sistema</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Chiaro</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Scuro</translation>
    </message>
    <message>
        <source>Font size</source>
        <translation>Dimensione del testo</translation>
    </message>
    <message>
        <source>Font size in points</source>
        <translation>Dimensione del testo in punti</translation>
    </message>
    <message>
        <source>points</source>
        <translation>punti</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Lingua</translation>
    </message>
    <message>
        <source>The language of Veloce itself. Phi-4 answers in the language you write in.</source>
        <translation>La lingua di Veloce. Phi-4 risponde nella lingua in cui scrivi.</translation>
    </message>
</context>
<context>
    <name>CatalogueSummary</name>
    <message>
        <source>Good quality at the size most GPUs hold: the usual choice.</source>
        <translation>Buona qualità alla dimensione che la maggior parte delle GPU contiene: la scelta abituale.</translation>
    </message>
    <message>
        <source>Smaller, for 8 GB GPUs; somewhat lower quality.</source>
        <translation>Più piccolo, per GPU da 8 GB; qualità un po’ inferiore.</translation>
    </message>
    <message>
        <source>Smallest; noticeably lower quality. Only when nothing larger fits.</source>
        <translation>Il più piccolo; qualità sensibilmente inferiore. Solo quando non ci sta niente di più grande.</translation>
    </message>
    <message>
        <source>Higher quality, for 12 GB and larger GPUs.</source>
        <translation>Qualità più alta, per GPU da 12 GB e oltre.</translation>
    </message>
    <message>
        <source>Very close to the original, for 16 GB GPUs.</source>
        <translation>Molto vicino all’originale, per GPU da 16 GB.</translation>
    </message>
    <message>
        <source>Practically the original, for 24 GB GPUs.</source>
        <translation>Praticamente l’originale, per GPU da 24 GB.</translation>
    </message>
</context>
<context>
    <name>ChatController</name>
    <message>
        <source>Choose a model file to start chatting.</source>
        <translation type="vanished">Scegli un file del modello per iniziare a conversare.</translation>
    </message>
    <message>
        <source>The model is still loading.</source>
        <translation type="vanished">Il modello è ancora in caricamento.</translation>
    </message>
    <message>
        <source>The model could not be loaded; choose another file in the settings.</source>
        <translation type="vanished">Non è stato possibile caricare il modello; scegli un altro file nelle impostazioni.</translation>
    </message>
    <message>
        <source>Wait for the reply to finish, or stop it.</source>
        <translation>Attendi la fine della risposta, oppure interrompila.</translation>
    </message>
    <message>
        <source>The model file %1 was not found.</source>
        <translation type="vanished">Il file del modello %1 non è stato trovato.</translation>
    </message>
    <message>
        <source>Loading the model was cancelled.</source>
        <translation type="vanished">Il caricamento del modello è stato annullato.</translation>
    </message>
    <message>
        <source>This conversation no longer exists.</source>
        <translation>Questa conversazione non esiste più.</translation>
    </message>
    <message>
        <source>The reply stopped because of an error: %1 The text so far is kept.</source>
        <translation>La risposta si è interrotta per un errore: %1 Il testo scritto finora è conservato.</translation>
    </message>
    <message>
        <source>The reply could not be saved: %1 Only its first %2 characters are stored; the whole reply stays on screen and saving it is tried again before the next message. Copy or export it to be safe.</source>
        <translation>Non è stato possibile salvare la risposta: %1 Ne sono memorizzati solo i primi %2 caratteri; la risposta intera resta sullo schermo e il salvataggio viene ritentato prima del prossimo messaggio. Per sicurezza, copiala o esportala.</translation>
    </message>
    <message>
        <source>New conversation</source>
        <translation>Nuova conversazione</translation>
    </message>
    <message>
        <source>An export or import is already running.</source>
        <translation type="vanished">È già in corso un&apos;esportazione o un&apos;importazione.</translation>
    </message>
    <message>
        <source>Unknown export format &quot;%1&quot;.</source>
        <translation type="vanished">Formato di esportazione sconosciuto «%1».</translation>
    </message>
    <message>
        <source>Choose where to export to.</source>
        <translation type="vanished">Scegli dove esportare.</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n conversation(s) to %1.</source>
        <translation type="vanished">
            <numerusform>Esportata %n conversazione in %1.</numerusform>
            <numerusform>Esportate %n conversazioni in %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Imported %n new conversation(s) and %1 new message(s); %2 already present.</source>
        <translation type="vanished">
            <numerusform>Importata %n nuova conversazione e %1 nuovi messaggi; %2 già presenti.</numerusform>
            <numerusform>Importate %n nuove conversazioni e %1 nuovi messaggi; %2 già presenti.</numerusform>
        </translation>
    </message>
    <message>
        <source>The conversation database is damaged (%1). Veloce will move it aside (it is kept, not deleted) and start a new one at the next start. Export your conversations now (Ctrl+E, all conversations).</source>
        <translation type="vanished">Il database delle conversazioni è danneggiato (%1). Al prossimo avvio Veloce lo sposterà da parte (viene conservato, non cancellato) e ne creerà uno nuovo. Esporta subito le tue conversazioni (Ctrl+E, tutte le conversazioni).</translation>
    </message>
</context>
<context>
    <name>CodeBlock</name>
    <message>
        <source>code</source>
        <translation>codice</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Copiato</translation>
    </message>
    <message>
        <source>Copy code</source>
        <translation>Copia il codice</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Codice</translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <source>Message Phi-4 (Enter to send, Shift+Enter for a new line)</source>
        <translation>Scrivi a Phi-4 (Invio per inviare, Maiusc+Invio per andare a capo)</translation>
    </message>
    <message>
        <source>Message to send</source>
        <translation>Messaggio da inviare</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Invia</translation>
    </message>
    <message>
        <source>Send message (Enter)</source>
        <translation>Invia il messaggio (Invio)</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Ferma</translation>
    </message>
    <message>
        <source>Stop the reply (Esc)</source>
        <translation>Ferma la risposta (Esc)</translation>
    </message>
    <message>
        <source>Model settings…</source>
        <translation>Impostazioni del modello…</translation>
    </message>
    <message>
        <source>Open the model settings</source>
        <translation>Apri le impostazioni del modello</translation>
    </message>
</context>
<context>
    <name>ConversationDelegate</name>
    <message>
        <source>%1, pinned</source>
        <translation>%1, fissata in alto</translation>
    </message>
    <message>
        <source>Press Enter to open, F2 to rename, Delete to delete, Menu for more actions</source>
        <translation>Invio per aprire, F2 per rinominare, Canc per eliminare, Menu per altre azioni</translation>
    </message>
    <message>
        <source>Actions for “%1”</source>
        <translation>Azioni per «%1»</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>Rinomina…</translation>
    </message>
    <message>
        <source>Rename (F2)</source>
        <translation type="vanished">Rinomina (F2)</translation>
    </message>
    <message>
        <source>Unpin</source>
        <translation>Non fissare più</translation>
    </message>
    <message>
        <source>Pin to top</source>
        <translation>Fissa in alto</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Esporta…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Elimina</translation>
    </message>
    <message>
        <source>Del</source>
        <translation>Canc</translation>
    </message>
    <message>
        <source>Delete (can be undone)</source>
        <translation>Elimina (si può annullare)</translation>
    </message>
</context>
<context>
    <name>ConversationList</name>
    <message>
        <source>Pinned</source>
        <translation>Fissate</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Oggi</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>Ieri</translation>
    </message>
    <message>
        <source>Previous 7 days</source>
        <translation>Ultimi 7 giorni</translation>
    </message>
    <message>
        <source>Older</source>
        <translation>Meno recenti</translation>
    </message>
</context>
<context>
    <name>ConversationStore</name>
    <message>
        <source>The conversation database %1 is damaged (%2). It was moved to %3, where it is kept untouched, and a new, empty database was started.</source>
        <translation>Il database delle conversazioni %1 è danneggiato (%2). È stato spostato in %3, dove resta intatto, ed è stato creato un nuovo database vuoto.</translation>
    </message>
    <message>
        <source>Your conversations were upgraded to a new storage format. A copy of the previous file was kept at %1.</source>
        <translation>Le tue conversazioni sono state aggiornate a un nuovo formato di archiviazione. Una copia del file precedente è conservata in %1.</translation>
    </message>
</context>
<context>
    <name>ConversationView</name>
    <message>
        <source>New conversation</source>
        <translation>Nuova conversazione</translation>
    </message>
    <message>
        <source>System prompt (custom)</source>
        <translation>Prompt di sistema (personalizzato)</translation>
    </message>
    <message>
        <source>System prompt</source>
        <translation>Prompt di sistema</translation>
    </message>
    <message>
        <source>Edit this conversation&apos;s system prompt</source>
        <translation>Modifica il prompt di sistema di questa conversazione</translation>
    </message>
    <message numerus="yes">
        <source>The %n oldest message(s) no longer fit the context, so Phi-4 does not see them. They are still saved here.</source>
        <translation>
            <numerusform>Il messaggio più vecchio non rientra più nel contesto, quindi Phi-4 non lo vede. Resta comunque salvato qui.</numerusform>
            <numerusform>I %n messaggi più vecchi non rientrano più nel contesto, quindi Phi-4 non li vede. Restano comunque salvati qui.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The %n oldest message(s) no longer fit the context and were left out of the last prompt. They are still saved here.</source>
        <translation type="vanished">
            <numerusform>Il messaggio più vecchio non rientra più nel contesto ed è stato escluso dall&apos;ultimo prompt. Resta comunque salvato qui.</numerusform>
            <numerusform>I %n messaggi più vecchi non rientrano più nel contesto e sono stati esclusi dall&apos;ultimo prompt. Restano comunque salvati qui.</numerusform>
        </translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>Messaggi</translation>
    </message>
</context>
<context>
    <name>DatabaseHealth</name>
    <message>
        <source>The conversation database is damaged (%1). Veloce will move it aside (it is kept, not deleted) and start a new one at the next start. Export your conversations now (Ctrl+E, all conversations).</source>
        <translation>Il database delle conversazioni è danneggiato (%1). Al prossimo avvio Veloce lo sposterà da parte (viene conservato, non cancellato) e ne creerà uno nuovo. Esporta subito le tue conversazioni (Ctrl+E, tutte le conversazioni).</translation>
    </message>
</context>
<context>
    <name>DeviceList</name>
    <message>
        <source>Automatic</source>
        <translation>Automatico</translation>
    </message>
    <message>
        <source>The fastest GPU found</source>
        <translation>La GPU più veloce trovata</translation>
    </message>
    <message>
        <source>CPU (reference, very slow)</source>
        <translation>CPU (riferimento, molto lenta)</translation>
    </message>
    <message>
        <source>Plain fp32 computation for diagnosis</source>
        <translation>Calcolo fp32 semplice, per la diagnosi</translation>
    </message>
    <message>
        <source>No Vulkan device</source>
        <translation>Nessun dispositivo Vulkan</translation>
    </message>
</context>
<context>
    <name>DownloadController</name>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>this computer&apos;s memory (CPU)</source>
        <translation type="vanished">la memoria di questo computer (CPU)</translation>
    </message>
    <message>
        <source>the CPU</source>
        <translation>la CPU</translation>
    </message>
    <message>
        <source>%1 (uses system memory: %2)</source>
        <translation>%1 (usa la memoria di sistema: %2)</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Fits in this computer&apos;s memory</source>
        <translation>Entra nella memoria di questo computer</translation>
    </message>
    <message>
        <source>Fits this GPU</source>
        <translation>Entra in questa GPU</translation>
    </message>
    <message>
        <source>Partly in system memory (%1 of it): slower</source>
        <translation>In parte nella memoria di sistema (%1): più lento</translation>
    </message>
    <message>
        <source>Too large for this device at %1 tokens of context</source>
        <translation>Troppo grande per questo dispositivo con %1 token di contesto</translation>
    </message>
    <message>
        <source>No model named %1 in the catalogue.</source>
        <translation>Nel catalogo non c&apos;è un modello chiamato %1.</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Connessione…</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 di %2</translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation>%1/s</translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation>%1 rimanenti</translation>
    </message>
    <message>
        <source>%1, SHA-256 verified</source>
        <translation>%1, SHA-256 verificato</translation>
    </message>
    <message>
        <source>Paused at %1 of %2</source>
        <translation>In pausa a %1 di %2</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>In pausa</translation>
    </message>
    <message>
        <source>%1 kept for a resume</source>
        <translation>%1 conservati per riprendere</translation>
    </message>
    <message>
        <source>Fits in memory, but runs on the CPU: expect well under 1 token per second from this 14B model</source>
        <translation>Entra in memoria, ma gira sulla CPU: aspettati molto meno di 1 token al secondo da questo modello da 14B</translation>
    </message>
</context>
<context>
    <name>EmptyConversation</name>
    <message>
        <source>A race of five snails</source>
        <translation>Una gara di cinque lumache</translation>
    </message>
    <message>
        <source>Five snails run a race. Ties are possible: any number of snails may cross the finish line together. In how many different ways can the race end? Reason step by step, then give the number.</source>
        <translation>Cinque lumache fanno una gara. Sono possibili i pari merito: un numero qualsiasi di lumache può tagliare il traguardo insieme. In quanti modi diversi può finire la gara? Ragiona passo per passo, poi dai il numero.</translation>
    </message>
    <message>
        <source>Explain a concept</source>
        <translation>Spiega un concetto</translation>
    </message>
    <message>
        <source>Explain the difference between a process and a thread, with a short C++ example of each.</source>
        <translation>Spiega la differenza tra un processo e un thread, con un breve esempio in C++ per ciascuno.</translation>
    </message>
    <message>
        <source>Write with care</source>
        <translation>Scrivi con garbo</translation>
    </message>
    <message>
        <source>Write a friendly, short email to a colleague asking to move tomorrow&apos;s meeting to Thursday afternoon.</source>
        <translation>Scrivi una breve email cordiale a un collega per chiedere di spostare la riunione di domani a giovedì pomeriggio.</translation>
    </message>
    <message>
        <source>Check my reasoning</source>
        <translation>Verifica il mio ragionamento</translation>
    </message>
    <message>
        <source>A bat and a ball cost 1.10 in total. The bat costs 1.00 more than the ball. How much does the ball cost? Show the algebra.</source>
        <translation>Una mazza e una palla costano 1,10 in tutto. La mazza costa 1,00 più della palla. Quanto costa la palla? Mostra i passaggi algebrici.</translation>
    </message>
    <message>
        <source>What shall we work on?</source>
        <translation>Su cosa lavoriamo?</translation>
    </message>
    <message>
        <source>Phi-4 runs on this computer: nothing you write leaves it. Pick an example or write your own message below.</source>
        <translation>Phi-4 funziona su questo computer: nulla di ciò che scrivi lo lascia. Scegli un esempio o scrivi il tuo messaggio qui sotto.</translation>
    </message>
    <message>
        <source>Example: %1</source>
        <translation>Esempio: %1</translation>
    </message>
</context>
<context>
    <name>Export</name>
    <message>
        <source>System prompt</source>
        <translation>Prompt di sistema</translation>
    </message>
</context>
<context>
    <name>ExportController</name>
    <message>
        <source>An export or import is already running.</source>
        <translation>È già in corso un&apos;esportazione o un&apos;importazione.</translation>
    </message>
    <message>
        <source>Unknown export format &quot;%1&quot;.</source>
        <translation>Formato di esportazione sconosciuto «%1».</translation>
    </message>
    <message>
        <source>Choose where to export to.</source>
        <translation>Scegli dove esportare.</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n conversation(s) to %1.</source>
        <translation>
            <numerusform>Esportata %n conversazione in %1.</numerusform>
            <numerusform>Esportate %n conversazioni in %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Imported: %1 and %2; %3.</source>
        <translation>Importati: %1 e %2; %3.</translation>
    </message>
    <message numerus="yes">
        <source>%n new conversation(s)</source>
        <translation>
            <numerusform>%n nuova conversazione</numerusform>
            <numerusform>%n nuove conversazioni</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n new message(s)</source>
        <translation>
            <numerusform>%n nuovo messaggio</numerusform>
            <numerusform>%n nuovi messaggi</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n already present</source>
        <translation>
            <numerusform>%n già presente</numerusform>
            <numerusform>%n già presenti</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Imported %n new conversation(s) and %1 new message(s); %2 already present.</source>
        <translation type="vanished">
            <numerusform>Importata %n nuova conversazione e %1 nuovi messaggi; %2 già presenti.</numerusform>
            <numerusform>Importate %n nuove conversazioni e %1 nuovi messaggi; %2 già presenti.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export conversations</source>
        <translation>Esporta le conversazioni</translation>
    </message>
    <message>
        <source>Export into folder</source>
        <translation>Esporta nella cartella</translation>
    </message>
    <message>
        <source>This conversation</source>
        <translation>Questa conversazione</translation>
    </message>
    <message>
        <source>Selected conversations (%1)</source>
        <translation>Conversazioni selezionate (%1)</translation>
    </message>
    <message>
        <source>Conversations to export</source>
        <translation>Conversazioni da esportare</translation>
    </message>
    <message>
        <source>All conversations (%1)</source>
        <translation>Tutte le conversazioni (%1)</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Formato</translation>
    </message>
    <message>
        <source>Markdown (.md)</source>
        <translation>Markdown (.md)</translation>
    </message>
    <message>
        <source>JSON, every branch, can be imported (.json)</source>
        <translation>JSON, con tutte le diramazioni, importabile (.json)</translation>
    </message>
    <message>
        <source>Web page (.html)</source>
        <translation>Pagina web (.html)</translation>
    </message>
    <message>
        <source>Plain text (.txt)</source>
        <translation>Testo semplice (.txt)</translation>
    </message>
    <message>
        <source>PDF (.pdf)</source>
        <translation>PDF (.pdf)</translation>
    </message>
    <message>
        <source>Export format</source>
        <translation>Formato di esportazione</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Cartella</translation>
    </message>
    <message>
        <source>Folder to export into</source>
        <translation>Cartella in cui esportare</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Scegli…</translation>
    </message>
    <message>
        <source>Choose the folder to export into</source>
        <translation>Scegli la cartella in cui esportare</translation>
    </message>
    <message>
        <source>Export progress</source>
        <translation>Avanzamento dell&apos;esportazione</translation>
    </message>
    <message>
        <source>Exported %1 of %2…</source>
        <translation>Esportate %1 di %2…</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Esporta</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Chiudi</translation>
    </message>
    <message>
        <source>Replace existing files?</source>
        <translation>Sostituire i file esistenti?</translation>
    </message>
    <message>
        <source>These files are already in the folder; exporting replaces them:</source>
        <translation>Questi file sono già nella cartella; l&apos;esportazione li sostituisce:</translation>
    </message>
    <message>
        <source>and %1 more</source>
        <translation>e altri %1</translation>
    </message>
    <message>
        <source>Replace</source>
        <translation>Sostituisci</translation>
    </message>
    <message>
        <source>Replace the existing files</source>
        <translation>Sostituisci i file esistenti</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annulla</translation>
    </message>
    <message>
        <source>Cancel: keep the existing files</source>
        <translation>Annulla: mantieni i file esistenti</translation>
    </message>
</context>
<context>
    <name>FileNameCheck</name>
    <message>
        <source>it is empty</source>
        <translation>è vuoto</translation>
    </message>
    <message>
        <source>it is longer than 255 bytes</source>
        <translation>supera i 255 byte</translation>
    </message>
    <message>
        <source>it starts with a dot</source>
        <translation>inizia con un punto</translation>
    </message>
    <message>
        <source>it contains a slash</source>
        <translation>contiene una barra</translation>
    </message>
    <message>
        <source>it contains a control character</source>
        <translation>contiene un carattere di controllo</translation>
    </message>
</context>
<context>
    <name>FirstTokenTime</name>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
</context>
<context>
    <name>GenerationSettingsPage</name>
    <message>
        <source>Temperature</source>
        <translation>Temperatura</translation>
    </message>
    <message>
        <source>Higher is more varied, lower more focused; 0 always picks the most likely word.</source>
        <translation>Più alta dà risposte più varie, più bassa più mirate; 0 sceglie sempre la parola più probabile.</translation>
    </message>
    <message>
        <source>Top-k</source>
        <translation>Top-k</translation>
    </message>
    <message>
        <source>Choose among the k most likely tokens; 0 turns it off.</source>
        <translation>Sceglie tra i k token più probabili; 0 lo disattiva.</translation>
    </message>
    <message>
        <source>Top-p</source>
        <translation>Top-p</translation>
    </message>
    <message>
        <source>Choose among the most likely tokens that together reach this probability; 1 turns it off.</source>
        <translation>Sceglie tra i token più probabili che insieme raggiungono questa probabilità; 1 lo disattiva.</translation>
    </message>
    <message>
        <source>Min-p</source>
        <translation>Min-p</translation>
    </message>
    <message>
        <source>Leave out tokens less likely than this fraction of the most likely one; 0 turns it off.</source>
        <translation>Esclude i token meno probabili di questa frazione del più probabile; 0 lo disattiva.</translation>
    </message>
    <message>
        <source>Repetition penalty</source>
        <translation>Penalità di ripetizione</translation>
    </message>
    <message>
        <source>Above 1 makes repeating recent tokens less likely; 1 turns it off.</source>
        <translation>Sopra 1 rende meno probabile ripetere token recenti; 1 la disattiva.</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>Seme</translation>
    </message>
    <message>
        <source>The same seed and settings give the same reply; “random” gives a new one every time.</source>
        <translation>Lo stesso seme con le stesse impostazioni dà la stessa risposta; «casuale» ne dà una nuova ogni volta.</translation>
    </message>
    <message>
        <source>random</source>
        <translation>casuale</translation>
    </message>
    <message>
        <source>Longest reply</source>
        <translation>Risposta più lunga</translation>
    </message>
    <message>
        <source>A reply that reaches this many tokens is cut off there and marked as cut.</source>
        <translation>Una risposta che raggiunge questo numero di token viene interrotta lì e segnata come troncata.</translation>
    </message>
    <message>
        <source>Longest reply in tokens</source>
        <translation>Lunghezza massima della risposta in token</translation>
    </message>
    <message>
        <source>tokens</source>
        <translation>token</translation>
    </message>
    <message>
        <source>Default system prompt</source>
        <translation>Prompt di sistema predefinito</translation>
    </message>
    <message>
        <source>Instructions for every new conversation (each conversation can have its own)</source>
        <translation>Istruzioni per ogni nuova conversazione (ogni conversazione può avere le sue)</translation>
    </message>
    <message>
        <source>Reset to defaults</source>
        <translation>Ripristina i valori predefiniti</translation>
    </message>
    <message>
        <source>Reset the generation settings on this page to their defaults</source>
        <translation>Ripristina ai valori predefiniti le impostazioni di generazione di questa pagina</translation>
    </message>
    <message>
        <source>The settings on this page are back to their defaults.</source>
        <translation>Le impostazioni di questa pagina sono tornate ai valori predefiniti.</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Annulla</translation>
    </message>
    <message>
        <source>Undo the reset of the generation settings</source>
        <translation>Annulla il ripristino delle impostazioni di generazione</translation>
    </message>
</context>
<context>
    <name>GenerationWorker</name>
    <message>
        <source>No model is loaded.</source>
        <translation>Nessun modello caricato.</translation>
    </message>
    <message>
        <source>The GPU failed and the model was unloaded: %1 Load the model again to continue.</source>
        <translation>La GPU ha avuto un errore e il modello è stato scaricato: %1 Carica di nuovo il modello per continuare.</translation>
    </message>
    <message>
        <source>The reply could not be saved: %1</source>
        <translation type="vanished">Non è stato possibile salvare la risposta: %1</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Import conversations</source>
        <translation>Importa conversazioni</translation>
    </message>
    <message>
        <source>Veloce JSON export (*.json)</source>
        <translation>Esportazione JSON di Veloce (*.json)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Tutti i file (*)</translation>
    </message>
</context>
<context>
    <name>InfoBanner</name>
    <message>
        <source>Dismiss notice</source>
        <translation>Chiudi l&apos;avviso</translation>
    </message>
</context>
<context>
    <name>LinkDialog</name>
    <message>
        <source>Open this link?</source>
        <translation>Aprire questo collegamento?</translation>
    </message>
    <message>
        <source>This link cannot be opened</source>
        <translation>Questo collegamento non si può aprire</translation>
    </message>
    <message>
        <source>The reply links to the address below. Check it before opening it in your browser:</source>
        <translation>La risposta rimanda all&apos;indirizzo qui sotto. Controllalo prima di aprirlo nel browser:</translation>
    </message>
    <message>
        <source>Veloce only opens web addresses (http and https). This link was not opened:</source>
        <translation>Veloce apre solo indirizzi web (http e https). Questo collegamento non è stato aperto:</translation>
    </message>
    <message>
        <source>Link address</source>
        <translation>Indirizzo del collegamento</translation>
    </message>
    <message>
        <source>Open in browser</source>
        <translation>Apri nel browser</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annulla</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Chiudi</translation>
    </message>
</context>
<context>
    <name>LoadReport</name>
    <message>
        <source>%1 GiB</source>
        <translation>%1 GiB</translation>
    </message>
    <message>
        <source>%1 MiB</source>
        <translation>%1 MiB</translation>
    </message>
    <message>
        <source>%1 KiB</source>
        <translation>%1 KiB</translation>
    </message>
    <message>
        <source>%1 bytes</source>
        <translation>%1 byte</translation>
    </message>
    <message>
        <source>Graphics card: %1</source>
        <translation>Scheda grafica: %1</translation>
    </message>
    <message>
        <source>Model weights: %1 on the GPU, %2 in system memory</source>
        <translation>Pesi del modello: %1 sulla GPU, %2 nella memoria di sistema</translation>
    </message>
    <message>
        <source>Model weights: %1 on the GPU</source>
        <translation>Pesi del modello: %1 sulla GPU</translation>
    </message>
    <message>
        <source>Conversation memory (KV cache, 8-bit): %1 for %2 tokens</source>
        <translation>Memoria della conversazione (cache KV, 8 bit): %1 per %2 token</translation>
    </message>
    <message>
        <source>Conversation memory (KV cache): %1 for %2 tokens</source>
        <translation>Memoria della conversazione (cache KV): %1 per %2 token</translation>
    </message>
    <message>
        <source>Working memory: %1</source>
        <translation>Memoria di lavoro: %1</translation>
    </message>
    <message>
        <source>Total on the GPU: %1 of %2 available</source>
        <translation>Totale sulla GPU: %1 di %2 disponibili</translation>
    </message>
    <message>
        <source>%1 of the model did not fit in GPU memory and is read from system memory, so replies will be slower. A shorter context or a smaller quantization would keep it all on the GPU.</source>
        <translation>%1 del modello non è entrata nella memoria della GPU e viene letta dalla memoria di sistema: le risposte saranno più lente. Un contesto più corto o una quantizzazione più piccola la terrebbero tutta sulla GPU.</translation>
    </message>
    <message>
        <source>Runs on the CPU, from system memory (no GPU in use)</source>
        <translation>Funziona sulla CPU, dalla memoria di sistema (nessuna GPU in uso)</translation>
    </message>
    <message>
        <source>Runs on the CPU, from system memory: %1 (no GPU in use)</source>
        <translation>Funziona sulla CPU, dalla memoria di sistema: %1 (nessuna GPU in uso)</translation>
    </message>
    <message>
        <source>Model weights: %1 in system memory</source>
        <translation>Pesi del modello: %1 nella memoria di sistema</translation>
    </message>
    <message>
        <source>Total in system memory: %1</source>
        <translation>Totale nella memoria di sistema: %1</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>%1 — Veloce</source>
        <translation>%1 — Veloce</translation>
    </message>
    <message>
        <source>Veloce</source>
        <translation>Veloce</translation>
    </message>
</context>
<context>
    <name>MathBlock</name>
    <message>
        <source>Copy LaTeX</source>
        <translation>Copia il LaTeX</translation>
    </message>
</context>
<context>
    <name>MessageActions</name>
    <message>
        <source>Previous version</source>
        <translation>Versione precedente</translation>
    </message>
    <message>
        <source>%1/%2</source>
        <translation>%1/%2</translation>
    </message>
    <message>
        <source>Version %1 of %2</source>
        <translation>Versione %1 di %2</translation>
    </message>
    <message>
        <source>Next version</source>
        <translation>Versione successiva</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Copiato</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copia</translation>
    </message>
    <message>
        <source>Copy message</source>
        <translation>Copia il messaggio</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Modifica</translation>
    </message>
    <message>
        <source>Edit message</source>
        <translation>Modifica il messaggio</translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation>Rigenera</translation>
    </message>
    <message>
        <source>Regenerate reply</source>
        <translation>Rigenera la risposta</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Continua</translation>
    </message>
    <message>
        <source>Continue the reply</source>
        <translation>Continua la risposta</translation>
    </message>
</context>
<context>
    <name>MessageDelegate</name>
    <message>
        <source>You</source>
        <translation>Tu</translation>
    </message>
    <message>
        <source>Phi-4</source>
        <translation>Phi-4</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>interrotta</translation>
    </message>
    <message>
        <source>generation failed</source>
        <translation>generazione non riuscita</translation>
    </message>
    <message>
        <source>Reading the conversation… %1 of %2 tokens</source>
        <translation>Lettura della conversazione… %1 di %2 token</translation>
    </message>
    <message>
        <source>Reading the conversation…</source>
        <translation>Lettura della conversazione…</translation>
    </message>
    <message>
        <source>Writing…</source>
        <translation>Sta scrivendo…</translation>
    </message>
</context>
<context>
    <name>MessageEditor</name>
    <message>
        <source>Edit your message</source>
        <translation>Modifica il tuo messaggio</translation>
    </message>
    <message>
        <source>Save and send</source>
        <translation>Salva e invia</translation>
    </message>
    <message>
        <source>Save the edited message and get a new reply</source>
        <translation>Salva il messaggio modificato e ottieni una nuova risposta</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annulla</translation>
    </message>
    <message>
        <source>Cancel editing</source>
        <translation>Annulla la modifica</translation>
    </message>
</context>
<context>
    <name>MessageFooter</name>
    <message>
        <source>writing…</source>
        <translation>sta scrivendo…</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>completata</translation>
    </message>
    <message>
        <source>stopped by you</source>
        <translation>interrotta da te</translation>
    </message>
    <message>
        <source>cut at the length limit</source>
        <translation>troncata al limite di lunghezza</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>non riuscita</translation>
    </message>
    <message>
        <source>1 token</source>
        <translation>1 token</translation>
    </message>
    <message>
        <source>%1 tokens</source>
        <translation>%1 token</translation>
    </message>
    <message>
        <source>%1 tokens/s</source>
        <translation>%1 token/s</translation>
    </message>
    <message>
        <source>%1 s to first token</source>
        <translation type="vanished">%1 s al primo token</translation>
    </message>
    <message>
        <source>%1 to first token</source>
        <translation>%1 al primo token</translation>
    </message>
</context>
<context>
    <name>MessageMenu</name>
    <message>
        <source>Copy</source>
        <translation>Copia</translation>
    </message>
    <message>
        <source>Copy the selected text</source>
        <translation>Copia il testo selezionato</translation>
    </message>
    <message>
        <source>Copy message</source>
        <translation>Copia il messaggio</translation>
    </message>
    <message>
        <source>Select all</source>
        <translation>Seleziona tutto</translation>
    </message>
    <message>
        <source>Select all the text of this message</source>
        <translation>Seleziona tutto il testo di questo messaggio</translation>
    </message>
</context>
<context>
    <name>ModelCatalogue</name>
    <message>
        <source>Memory needs and verdicts are for %1 at %2 tokens of context. The files come from Hugging Face (bartowski/phi-4-GGUF); each is checked against the SHA-256 Hugging Face publishes before it is used.</source>
        <translation>Memoria necessaria e giudizi valgono per %1 con %2 token di contesto. I file vengono da Hugging Face (bartowski/phi-4-GGUF); ognuno è confrontato con lo SHA-256 pubblicato da Hugging Face prima di essere usato.</translation>
    </message>
    <message>
        <source>Downloaded %1</source>
        <translation>%1 scaricato</translation>
    </message>
    <message>
        <source>%1: paused</source>
        <translation>%1: in pausa</translation>
    </message>
    <message>
        <source>%1: stopped</source>
        <translation>%1: interrotto</translation>
    </message>
    <message>
        <source>Downloading %1</source>
        <translation>Download di %1</translation>
    </message>
    <message>
        <source>Download progress</source>
        <translation>Avanzamento del download</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pausa</translation>
    </message>
    <message>
        <source>Pause the download</source>
        <translation>Metti in pausa il download</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Riprendi</translation>
    </message>
    <message>
        <source>Resume the download</source>
        <translation>Riprendi il download</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Scarta</translation>
    </message>
    <message>
        <source>Discard the partly downloaded file</source>
        <translation>Scarta il file scaricato in parte</translation>
    </message>
    <message>
        <source>%1 · %2 · recommended</source>
        <translation>%1 · %2 · consigliato</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Needs %1 at 4K tokens, %2 at 16K. %3</source>
        <translation>Richiede %1 con 4K token, %2 con 16K. %3</translation>
    </message>
    <message>
        <source>Use</source>
        <translation>Usa</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>Scarica</translation>
    </message>
    <message>
        <source>Use %1</source>
        <translation>Usa %1</translation>
    </message>
    <message>
        <source>Download %1 (%2)</source>
        <translation>Scarica %1 (%2)</translation>
    </message>
    <message>
        <source>No GPU is in use: the model runs on the CPU, at well under 1 token per second for Phi-4 (14B). Choose a Vulkan GPU in Settings &gt; Model &gt; Device if this computer has one.</source>
        <translation>Nessuna GPU in uso: il modello gira sulla CPU, a molto meno di 1 token al secondo per Phi-4 (14B). Se questo computer ne ha una, scegli una GPU Vulkan in Impostazioni &gt; Modello &gt; Dispositivo.</translation>
    </message>
    <message>
        <source>No GPU is in use: the model runs on the CPU, at well under 1 token per second for Phi-4 (14B). Choose a Vulkan GPU under Device above if this computer has one.</source>
        <translation>Nessuna GPU in uso: il modello gira sulla CPU, a molto meno di 1 token al secondo per Phi-4 (14B). Se questo computer ne ha una, scegli una GPU Vulkan in «Dispositivo» qui sopra.</translation>
    </message>
</context>
<context>
    <name>ModelController</name>
    <message>
        <source>Choose a model file to start chatting.</source>
        <translation>Scegli un file del modello per iniziare a conversare.</translation>
    </message>
    <message>
        <source>The model is still loading.</source>
        <translation>Il modello è ancora in caricamento.</translation>
    </message>
    <message>
        <source>The model could not be loaded; choose another file in the settings.</source>
        <translation>Non è stato possibile caricare il modello; scegli un altro file nelle impostazioni.</translation>
    </message>
    <message>
        <source>The model file %1 was not found.</source>
        <translation>Il file del modello %1 non è stato trovato.</translation>
    </message>
    <message>
        <source>Loading the model was cancelled.</source>
        <translation>Il caricamento del modello è stato annullato.</translation>
    </message>
    <message>
        <source>CPU (fp32 reference)</source>
        <translation>CPU (riferimento fp32)</translation>
    </message>
</context>
<context>
    <name>ModelDownload</name>
    <message>
        <source>Not a web address to download from: %1</source>
        <translation>Non è un indirizzo web da cui scaricare: %1</translation>
    </message>
    <message>
        <source>The address %1 does not end in a file name.</source>
        <translation>L&apos;indirizzo %1 non termina con un nome di file.</translation>
    </message>
    <message>
        <source>The SHA-256 given is not 64 hexadecimal digits: %1</source>
        <translation>Lo SHA-256 indicato non è di 64 cifre esadecimali: %1</translation>
    </message>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation>Impossibile creare la cartella %1.</translation>
    </message>
    <message>
        <source>%1 already exists; choose it as the model, or delete it to download it again.</source>
        <translation>%1 esiste già: sceglilo come modello, oppure eliminalo per scaricarlo di nuovo.</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>Impossibile leggere %1: %2</translation>
    </message>
    <message>
        <source>The server resumed %1 at the wrong place; run the download again to start over.</source>
        <translation>Il server ha ripreso %1 dal punto sbagliato; avvia di nuovo il download per ricominciare.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>Impossibile scrivere %1: %2</translation>
    </message>
    <message>
        <source>Not enough disk space in %1: the download needs %2 more, and %3 is free.</source>
        <translation>Spazio su disco insufficiente in %1: il download richiede altri %2 e ne sono liberi %3.</translation>
    </message>
    <message>
        <source>Writing %1 failed: %2. The download can resume once there is room.</source>
        <translation>Scrittura di %1 non riuscita: %2. Il download potrà riprendere quando ci sarà spazio.</translation>
    </message>
    <message>
        <source>Too many redirects from %1.</source>
        <translation>Troppi reindirizzamenti da %1.</translation>
    </message>
    <message>
        <source>The server answered %1 %2 for %3.</source>
        <translation>Il server ha risposto %1 %2 per %3.</translation>
    </message>
    <message>
        <source>Paused at %1 of %2; run the download again to resume.</source>
        <translation>In pausa a %1 di %2; avvia di nuovo il download per riprenderlo.</translation>
    </message>
    <message>
        <source>The download stalled: nothing arrived from %1 for %2 s. Run it again to resume.</source>
        <translation>Il download si è bloccato: da %1 non è arrivato nulla per %2 s. Avvialo di nuovo per riprenderlo.</translation>
    </message>
    <message>
        <source>The download from %1 failed: %2. Run it again to resume.</source>
        <translation>Il download da %1 non è riuscito: %2. Avvialo di nuovo per riprenderlo.</translation>
    </message>
    <message>
        <source>The connection closed after %1 of %2. Run the download again to resume.</source>
        <translation>La connessione si è chiusa dopo %1 di %2. Avvia di nuovo il download per riprenderlo.</translation>
    </message>
    <message>
        <source>The downloaded file&apos;s SHA-256 is %1, not the published %2: it was damaged on the way and has been deleted. Download it again.</source>
        <translation>Lo SHA-256 del file scaricato è %1, non il %2 pubblicato: il file si è danneggiato durante il trasferimento ed è stato eliminato. Scaricalo di nuovo.</translation>
    </message>
    <message>
        <source>Writing %1 failed: %2.</source>
        <translation>Scrittura di %1 non riuscita: %2.</translation>
    </message>
    <message>
        <source>Cannot move %1 into place as %2.</source>
        <translation>Impossibile spostare %1 al suo posto come %2.</translation>
    </message>
    <message>
        <source>The address %1 does not end in a usable file name (%2): %3.</source>
        <translation>L&apos;indirizzo %1 non termina con un nome di file utilizzabile (%2): %3.</translation>
    </message>
    <message>
        <source>%1 answered with an empty file (Content-Length: 0); an empty file is never a model.</source>
        <translation>%1 ha risposto con un file vuoto (Content-Length: 0); un file vuoto non è mai un modello.</translation>
    </message>
    <message>
        <source>%1 publishes the SHA-256 %2, but the first address published %3: a redirect may not change the file, so the download stops.</source>
        <translation>%1 pubblica lo SHA-256 %2, ma il primo indirizzo ha pubblicato %3: un reindirizzamento non può cambiare il file, quindi il download si interrompe.</translation>
    </message>
    <message>
        <source>%1 announces %2 bytes, but the file was announced with %3 bytes: the download stops.</source>
        <translation>%1 annuncia %2 byte, ma il file era stato annunciato con %3 byte: il download si interrompe.</translation>
    </message>
    <message>
        <source>%1 sent more than the %2 bytes it announced: the partial file has been deleted. Run the download again to start over.</source>
        <translation>%1 ha inviato più dei %2 byte annunciati: il file parziale è stato eliminato. Avvia di nuovo il download per ricominciare da capo.</translation>
    </message>
    <message>
        <source>%1 redirected to a %2: address; models are downloaded over http and https only.</source>
        <translation>%1 ha reindirizzato a un indirizzo %2:; i modelli si scaricano solo tramite http e https.</translation>
    </message>
    <message>
        <source>%1 (%2 bytes) does not fit the file on the server (%3 bytes): it was discarded, and the download starts over.</source>
        <translation>%1 (%2 byte) non corrisponde al file sul server (%3 byte): è stato scartato e il download ricomincia da capo.</translation>
    </message>
    <message>
        <source>%1 sent an empty file; an empty file is never a model.</source>
        <translation>%1 ha inviato un file vuoto; un file vuoto non è mai un modello.</translation>
    </message>
    <message>
        <source>%1 (%2 bytes) cannot be resumed (the server answered 416): it was discarded, and the download starts over.</source>
        <translation>Impossibile riprendere %1 (%2 byte): il server ha risposto 416. Il file è stato scartato e il download ricomincia da capo.</translation>
    </message>
</context>
<context>
    <name>ModelFileProblem</name>
    <message>
        <source>This file is not a complete Phi-4 GGUF model: it ends early (downloaded partly?).</source>
        <translation>Questo file non è un modello Phi-4 GGUF completo: finisce prima del previsto (scaricato solo in parte?).</translation>
    </message>
    <message>
        <source>This file is not a GGUF model: choose a Phi-4 .gguf file.</source>
        <translation>Questo file non è un modello GGUF: scegli un file Phi-4 .gguf.</translation>
    </message>
    <message>
        <source>This is not a file: choose a Phi-4 .gguf file.</source>
        <translation>Questo non è un file: scegli un file Phi-4 .gguf.</translation>
    </message>
    <message>
        <source>This file could not be read (permissions, or a disk problem).</source>
        <translation>Impossibile leggere questo file (permessi o un problema del disco).</translation>
    </message>
    <message>
        <source>This GGUF file is in a format version Veloce cannot read.</source>
        <translation>Questo file GGUF è in una versione del formato che Veloce non sa leggere.</translation>
    </message>
    <message>
        <source>This GGUF file is not a Phi-4 model that Veloce can run.</source>
        <translation>Questo file GGUF non è un modello Phi-4 che Veloce può eseguire.</translation>
    </message>
    <message>
        <source>This file is not a valid Phi-4 GGUF model: it is damaged.</source>
        <translation>Questo file non è un modello Phi-4 GGUF valido: è danneggiato.</translation>
    </message>
</context>
<context>
    <name>ModelSettingsPage</name>
    <message>
        <source>Choose a Phi-4 GGUF file</source>
        <translation>Scegli un file GGUF di Phi-4</translation>
    </message>
    <message>
        <source>GGUF models (*.gguf)</source>
        <translation>Modelli GGUF (*.gguf)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Tutti i file (*)</translation>
    </message>
    <message>
        <source>Model file</source>
        <translation>File del modello</translation>
    </message>
    <message>
        <source>Set by --model or VELOCE_MODEL for this run.</source>
        <translation>Impostato da --model o VELOCE_MODEL per questa esecuzione.</translation>
    </message>
    <message>
        <source>No model chosen</source>
        <translation>Nessun modello scelto</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Scegli…</translation>
    </message>
    <message>
        <source>Choose a model file</source>
        <translation>Scegli un file del modello</translation>
    </message>
    <message>
        <source>This model is loaded as soon as the reply being written is finished.</source>
        <translation>Questo modello viene caricato appena termina la risposta in corso.</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Dispositivo</translation>
    </message>
    <message>
        <source>“Automatic” picks the fastest Vulkan device. The CPU reference is very slow and meant for checking results.</source>
        <translation type="vanished">«Automatico» sceglie il dispositivo Vulkan più veloce. La CPU di riferimento è molto lenta e serve a verificare i risultati.</translation>
    </message>
    <message>
        <source>Context size</source>
        <translation>Dimensione del contesto</translation>
    </message>
    <message>
        <source>How many tokens of the conversation the model can see at once. More needs more memory.</source>
        <translation>Quanti token della conversazione il modello vede alla volta. Di più richiede più memoria.</translation>
    </message>
    <message>
        <source>Context size in tokens</source>
        <translation>Dimensione del contesto in token</translation>
    </message>
    <message>
        <source>tokens</source>
        <translation>token</translation>
    </message>
    <message>
        <source>Conversation memory</source>
        <translation>Memoria della conversazione</translation>
    </message>
    <message>
        <source>How the model keeps what it has read (its KV cache). 8-bit needs about half the memory of 16-bit, so a longer context fits, and its answers differ very slightly.</source>
        <translation>Come il modello conserva ciò che ha letto (la sua cache KV). A 8 bit occupa circa metà della memoria che a 16 bit, così entra un contesto più lungo, e le risposte cambiano pochissimo.</translation>
    </message>
    <message>
        <source>16-bit (f16)</source>
        <translation>16 bit (f16)</translation>
    </message>
    <message>
        <source>8-bit (q8_0), about half the memory</source>
        <translation>8 bit (q8_0), circa metà della memoria</translation>
    </message>
    <message>
        <source>Conversation memory precision</source>
        <translation>Precisione della memoria della conversazione</translation>
    </message>
    <message>
        <source>Loaded: %1 (%2) on %3, context %4 tokens.</source>
        <translation>Caricato: %1 (%2) su %3, contesto di %4 token.</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Caricamento…</translation>
    </message>
    <message>
        <source>Not loaded: %1</source>
        <translation>Non caricato: %1</translation>
    </message>
    <message>
        <source>No model loaded.</source>
        <translation>Nessun modello caricato.</translation>
    </message>
    <message>
        <source>Load the model with these settings</source>
        <translation>Carica il modello con queste impostazioni</translation>
    </message>
    <message>
        <source>Model loading progress</source>
        <translation>Avanzamento del caricamento del modello</translation>
    </message>
    <message>
        <source>Download Phi-4</source>
        <translation>Scarica Phi-4</translation>
    </message>
    <message>
        <source>“Automatic” picks the fastest Vulkan device. The CPU reference and Vulkan CPU drivers (llvmpipe, lavapipe) are very slow: well under 1 token per second with Phi-4.</source>
        <translation>«Automatico» sceglie il dispositivo Vulkan più veloce. La CPU di riferimento e i driver Vulkan per CPU (llvmpipe, lavapipe) sono molto lenti: molto meno di 1 token al secondo con Phi-4.</translation>
    </message>
    <message>
        <source>The loaded model uses a %1-token context; “Load the model with these settings” applies %2.</source>
        <translation>Il modello caricato usa un contesto di %1 token; «Carica il modello con queste impostazioni» applica %2.</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>[image not loaded: %1]</source>
        <translation>[immagine non caricata: %1]</translation>
    </message>
    <message>
        <source>Veloce does not load anything from the network: %1</source>
        <translation>Veloce non carica nulla dalla rete: %1</translation>
    </message>
</context>
<context>
    <name>RenameDialog</name>
    <message>
        <source>Rename conversation</source>
        <translation>Rinomina la conversazione</translation>
    </message>
    <message>
        <source>New title</source>
        <translation>Nuovo titolo</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titolo</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>Rinomina</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annulla</translation>
    </message>
</context>
<context>
    <name>ScreenshotDriver</name>
    <message>
        <source>Thanks! How would I sort slowest first?</source>
        <translation type="vanished">Grazie! Come ordino dal più lento?</translation>
    </message>
</context>
<context>
    <name>SearchResultDelegate</name>
    <message>
        <source>%1: %2</source>
        <translation type="vanished">%1: %2</translation>
    </message>
    <message>
        <source>You</source>
        <translation>Tu</translation>
    </message>
    <message>
        <source>Phi-4</source>
        <translation>Phi-4</translation>
    </message>
    <message>
        <source>System prompt</source>
        <translation>Prompt di sistema</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titolo</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>%1, %2: %3</source>
        <translation>%1, %2: %3</translation>
    </message>
</context>
<context>
    <name>ServerController</name>
    <message>
        <source>A chat from the API server could not be stored: %1</source>
        <translation>Una chat del server API non è stata salvata: %1</translation>
    </message>
    <message>
        <source>Off. Other programs on this computer cannot use the model.</source>
        <translation>Spento. Gli altri programmi di questo computer non possono usare il modello.</translation>
    </message>
    <message>
        <source>On: waiting for a model to be loaded.</source>
        <translation>Acceso: in attesa che un modello venga caricato.</translation>
    </message>
    <message>
        <source>Serving %1 at %2 to programs on this computer.</source>
        <translation>%1 è disponibile su %2 per i programmi di questo computer.</translation>
    </message>
    <message>
        <source>The server could not start on port %1: %2. Choose another port.</source>
        <translation>Il server non è partito sulla porta %1: %2. Scegli un&apos;altra porta.</translation>
    </message>
</context>
<context>
    <name>ServerSettingsPage</name>
    <message>
        <source>API server</source>
        <translation>Server API</translation>
    </message>
    <message>
        <source>Lets editors, scripts and agents on this computer use the loaded model through OpenAI&apos;s API. Other computers cannot connect.</source>
        <translation>Permette a editor, script e agenti di questo computer di usare il modello caricato tramite l&apos;API di OpenAI. Gli altri computer non possono collegarsi.</translation>
    </message>
    <message>
        <source>Serve the model to programs on this computer</source>
        <translation>Offri il modello ai programmi di questo computer</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Porta</translation>
    </message>
    <message>
        <source>Port of the API server</source>
        <translation>Porta del server API</translation>
    </message>
    <message>
        <source>Keep API chats</source>
        <translation>Conserva le chat dell&apos;API</translation>
    </message>
    <message>
        <source>Chats made through the server appear in the sidebar, where you can read, search and export them.</source>
        <translation>Le chat fatte tramite il server compaiono nella barra laterale, dove puoi leggerle, cercarle ed esportarle.</translation>
    </message>
    <message>
        <source>Keep chats made through the API server in the history</source>
        <translation>Conserva nella cronologia le chat fatte tramite il server API</translation>
    </message>
    <message>
        <source>Example request</source>
        <translation>Richiesta di esempio</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>Richieste</translation>
    </message>
    <message>
        <source>Requests to the API server</source>
        <translation>Richieste al server API</translation>
    </message>
    <message>
        <source>%1 · %2 · %3 + %4 tokens · %5 tokens/s · %6</source>
        <translation>%1 · %2 · %3 + %4 token · %5 token/s · %6</translation>
    </message>
    <message>
        <source>No requests yet.</source>
        <translation>Ancora nessuna richiesta.</translation>
    </message>
    <message>
        <source>generating</source>
        <translation>in generazione</translation>
    </message>
    <message>
        <source>client left</source>
        <translation>client disconnesso</translation>
    </message>
    <message>
        <source>the server stopped</source>
        <translation>il server si è fermato</translation>
    </message>
    <message>
        <source>invalid request: “%1”</source>
        <translation>richiesta non valida: «%1»</translation>
    </message>
    <message>
        <source>wrong or missing API key</source>
        <translation>chiave API errata o mancante</translation>
    </message>
    <message>
        <source>not found: “%1”</source>
        <translation>non trovato: «%1»</translation>
    </message>
    <message>
        <source>the request did not arrive in time</source>
        <translation>la richiesta non è arrivata in tempo</translation>
    </message>
    <message>
        <source>request too large</source>
        <translation>richiesta troppo grande</translation>
    </message>
    <message>
        <source>busy with other requests</source>
        <translation>occupato con altre richieste</translation>
    </message>
    <message>
        <source>request headers too large</source>
        <translation>intestazioni della richiesta troppo grandi</translation>
    </message>
    <message>
        <source>request body in chunks, not supported</source>
        <translation>corpo della richiesta a blocchi, non supportato</translation>
    </message>
    <message>
        <source>too many open connections</source>
        <translation>troppe connessioni aperte</translation>
    </message>
    <message>
        <source>HTTP version not supported</source>
        <translation>versione HTTP non supportata</translation>
    </message>
    <message>
        <source>error: “%1”</source>
        <translation>errore: «%1»</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Impostazioni</translation>
    </message>
    <message>
        <source>Settings sections</source>
        <translation>Sezioni delle impostazioni</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modello</translation>
    </message>
    <message>
        <source>Model settings</source>
        <translation>Impostazioni del modello</translation>
    </message>
    <message>
        <source>Generation</source>
        <translation>Generazione</translation>
    </message>
    <message>
        <source>Generation settings</source>
        <translation>Impostazioni di generazione</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>Aspetto</translation>
    </message>
    <message>
        <source>Appearance settings</source>
        <translation>Impostazioni dell&apos;aspetto</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>API server settings</source>
        <translation>Impostazioni del server API</translation>
    </message>
    <message>
        <source>Reset to defaults</source>
        <translation type="vanished">Ripristina i valori predefiniti</translation>
    </message>
    <message>
        <source>Reset all settings except the model file to their defaults</source>
        <translation type="vanished">Ripristina tutte le impostazioni, tranne il file del modello, ai valori predefiniti</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Chiudi</translation>
    </message>
</context>
<context>
    <name>SetupView</name>
    <message>
        <source>Choose a Phi-4 GGUF file</source>
        <translation>Scegli un file GGUF di Phi-4</translation>
    </message>
    <message>
        <source>GGUF models (*.gguf)</source>
        <translation>Modelli GGUF (*.gguf)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Tutti i file (*)</translation>
    </message>
    <message>
        <source>Only a file on this computer can be used as the model.</source>
        <translation>Come modello si può usare solo un file su questo computer.</translation>
    </message>
    <message>
        <source>Loading the model</source>
        <translation>Caricamento del modello</translation>
    </message>
    <message>
        <source>Choose the model</source>
        <translation>Scegli il modello</translation>
    </message>
    <message>
        <source>Veloce runs Microsoft&apos;s Phi-4 on this computer, from a GGUF file. Choose a file you already have, or download one below: smaller quantizations such as Q3_K_M need less memory, Q8_0 is closer to the original. Nothing else ever uses the network.</source>
        <translation>Veloce esegue Phi-4 di Microsoft su questo computer, da un file GGUF. Scegli un file che hai già, oppure scaricane uno qui sotto: le quantizzazioni più piccole come Q3_K_M richiedono meno memoria, Q8_0 è più vicina all&apos;originale. Nient&apos;altro usa mai la rete.</translation>
    </message>
    <message>
        <source>The model file set in the settings was not found: %1</source>
        <translation>Il file del modello indicato nelle impostazioni non è stato trovato: %1</translation>
    </message>
    <message>
        <source>Drop a .gguf file here</source>
        <translation>Trascina qui un file .gguf</translation>
    </message>
    <message>
        <source>Choose model file…</source>
        <translation>Scegli il file del modello…</translation>
    </message>
    <message>
        <source>Choose a model file</source>
        <translation>Scegli un file del modello</translation>
    </message>
    <message>
        <source>The model could not be loaded: %1</source>
        <translation>Non è stato possibile caricare il modello: %1</translation>
    </message>
    <message>
        <source>Model loading progress</source>
        <translation>Avanzamento del caricamento del modello</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annulla</translation>
    </message>
    <message>
        <source>Cancel loading the model</source>
        <translation>Annulla il caricamento del modello</translation>
    </message>
    <message>
        <source>Memory plan</source>
        <translation>Uso della memoria</translation>
    </message>
    <message>
        <source>Device: %1. Context: %2 tokens. Both can be changed in the settings.</source>
        <translation>Dispositivo: %1. Contesto: %2 token. Entrambi si possono cambiare nelle impostazioni.</translation>
    </message>
    <message>
        <source>Download Phi-4</source>
        <translation>Scarica Phi-4</translation>
    </message>
    <message>
        <source>automatic</source>
        <translation>automatico</translation>
    </message>
    <message>
        <source>Veloce runs Microsoft&apos;s Phi-4 on this computer. It needs the model as a GGUF file, for example phi-4-Q4_K_M.gguf (9.05 GB). Smaller quantizations such as Q3_K_M need less memory; Q8_0 is closer to the original. Nothing is downloaded by Veloce: get the file once (GGUF builds of Phi-4 are published on Hugging Face, search for “phi-4 GGUF”), then choose it here.</source>
        <translation type="vanished">Veloce esegue Phi-4 di Microsoft su questo computer. Serve il modello come file GGUF, per esempio phi-4-Q4_K_M.gguf (9,05 GB). Le quantizzazioni più piccole come Q3_K_M richiedono meno memoria; Q8_0 è più vicina all&apos;originale. Veloce non scarica nulla: procurati il file una volta (le versioni GGUF di Phi-4 sono pubblicate su Hugging Face, cerca «phi-4 GGUF»), poi sceglilo qui.</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>Impostazioni…</translation>
    </message>
    <message>
        <source>Open settings (Ctrl+,)</source>
        <translation>Apri le impostazioni (Ctrl+,)</translation>
    </message>
</context>
<context>
    <name>ShortcutMenuItem</name>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
</context>
<context>
    <name>Sidebar</name>
    <message>
        <source>New conversation</source>
        <translation>Nuova conversazione</translation>
    </message>
    <message>
        <source>New conversation (Ctrl+N)</source>
        <translation>Nuova conversazione (Ctrl+N)</translation>
    </message>
    <message>
        <source>Main menu</source>
        <translation>Menu principale</translation>
    </message>
    <message>
        <source>Import conversations…</source>
        <translation>Importa conversazioni…</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Esporta…</translation>
    </message>
    <message>
        <source>Export (Ctrl+E)</source>
        <translation type="vanished">Esporta (Ctrl+E)</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Impostazioni</translation>
    </message>
    <message>
        <source>Settings (Ctrl+,)</source>
        <translation type="vanished">Impostazioni (Ctrl+,)</translation>
    </message>
    <message>
        <source>Search conversations (Ctrl+F)</source>
        <translation>Cerca nelle conversazioni (Ctrl+F)</translation>
    </message>
    <message>
        <source>Search conversations</source>
        <translation>Cerca nelle conversazioni</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>Conversazioni</translation>
    </message>
    <message>
        <source>No conversations yet.</source>
        <translation>Ancora nessuna conversazione.</translation>
    </message>
    <message>
        <source>Search results</source>
        <translation>Risultati della ricerca</translation>
    </message>
    <message numerus="yes">
        <source>%n result(s)</source>
        <translation>
            <numerusform>%n risultato</numerusform>
            <numerusform>%n risultati</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StatusLine</name>
    <message>
        <source>Loading %1…</source>
        <translation>Caricamento di %1…</translation>
    </message>
    <message>
        <source>model</source>
        <translation>modello</translation>
    </message>
    <message>
        <source>No model loaded</source>
        <translation>Nessun modello caricato</translation>
    </message>
    <message>
        <source>Context %1 / %2</source>
        <translation>Contesto %1 / %2</translation>
    </message>
    <message>
        <source>Last reply: %1 ms to first token, %2 tokens/s</source>
        <translation type="vanished">Ultima risposta: %1 ms al primo token, %2 token/s</translation>
    </message>
    <message>
        <source>Model loading progress</source>
        <translation>Avanzamento del caricamento del modello</translation>
    </message>
    <message>
        <source>Last reply: %1 to first token, %2 tokens/s</source>
        <translation>Ultima risposta: %1 al primo token, %2 token/s</translation>
    </message>
</context>
<context>
    <name>SystemPromptDialog</name>
    <message>
        <source>System prompt for this conversation</source>
        <translation>Prompt di sistema per questa conversazione</translation>
    </message>
    <message>
        <source>Instructions Phi-4 reads before this conversation. Leave empty to use the default from the settings.</source>
        <translation>Istruzioni che Phi-4 legge prima di questa conversazione. Lascia vuoto per usare quello predefinito nelle impostazioni.</translation>
    </message>
    <message>
        <source>No system prompt</source>
        <translation>Nessun prompt di sistema</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Salva</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annulla</translation>
    </message>
</context>
<context>
    <name>UndoDeleteBar</name>
    <message>
        <source>Deleted “%1”</source>
        <translation>Eliminata «%1»</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Annulla</translation>
    </message>
    <message>
        <source>Undo delete (Ctrl+Z)</source>
        <translation>Annulla l&apos;eliminazione (Ctrl+Z)</translation>
    </message>
</context>
<context>
    <name>veloce::exporting</name>
    <message>
        <source>(not recorded)</source>
        <translation>(non registrato)</translation>
    </message>
    <message>
        <source>random</source>
        <translation>casuale</translation>
    </message>
    <message>
        <source>temperature %1, top-k %2, top-p %3, min-p %4, repetition penalty %5, seed %6, max reply %7 tokens</source>
        <translation>temperatura %1, top-k %2, top-p %3, min-p %4, penalità di ripetizione %5, seme %6, risposta massima %7 token</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Creata</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>Aggiornata</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modello</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Impostazioni</translation>
    </message>
    <message>
        <source>System</source>
        <translation>Sistema</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Utente</translation>
    </message>
    <message>
        <source>Assistant</source>
        <translation>Assistente</translation>
    </message>
    <message>
        <source>stopped by the user</source>
        <translation>interrotta dall&apos;utente</translation>
    </message>
    <message>
        <source>generation failed</source>
        <translation>generazione non riuscita</translation>
    </message>
    <message>
        <source>incomplete</source>
        <translation>incompleta</translation>
    </message>
    <message>
        <source>cut at the length limit</source>
        <translation>troncata al limite di lunghezza</translation>
    </message>
    <message>
        <source>cut when the context was full</source>
        <translation>troncata a contesto pieno</translation>
    </message>
    <message>
        <source>version %1 of %2</source>
        <translation>versione %1 di %2</translation>
    </message>
    <message>
        <source>%1 tokens</source>
        <translation>%1 token</translation>
    </message>
    <message>
        <source>%1 tokens/s</source>
        <translation>%1 token/s</translation>
    </message>
    <message>
        <source>first token after %1 ms</source>
        <translation>primo token dopo %1 ms</translation>
    </message>
</context>
</TS>
