"""Names of news agencies and outlets, normalised the way German newsrooms credit them."""

from __future__ import annotations

import re

# Canonical name -> spellings seen in credits, bylines and running text.
AGENCIES: dict[str, tuple[str, ...]] = {
    "dpa": ("dpa", "dpa-infocom", "dpa-AFX", "Deutsche Presse-Agentur", "Deutschen Presse-Agentur"),
    "AFP": ("AFP", "Agence France-Presse", "Agence France Presse"),
    "Reuters": ("Reuters", "rtr"),
    "AP": ("AP", "Associated Press"),
    "KNA": ("KNA", "Katholische Nachrichten-Agentur"),
    "epd": ("epd", "Evangelischer Pressedienst"),
    "SID": ("SID", "Sport-Informations-Dienst"),
    "dts": ("dts", "dts Nachrichtenagentur"),
    "APA": ("APA",),
    "AFX": ("AFX",),
    "Bloomberg": ("Bloomberg",),
    "Tass": ("Tass", "TASS"),
    "KCNA": ("KCNA",),
    "Yonhap": ("Yonhap",),
    "Xinhua": ("Xinhua",),
    "Interfax": ("Interfax",),
    "RIA Nowosti": ("RIA Nowosti", "RIA Novosti", "Ria Nowosti"),
    "Ukrinform": ("Ukrinform",),
    "Kyodo": ("Kyodo",),
    "ANSA": ("ANSA",),
    "Keystone-SDA": ("SDA", "Keystone-SDA", "Schweizerische Depeschenagentur", "sda"),
    "ddp": ("ddp", "dapd"),
    "idea": ("idea", "Evangelische Nachrichtenagentur idea"),
    "EFE": ("EFE",),
    "ANP": ("ANP",),
    "Belga": ("Belga",),
    "PAP": ("PAP",),
    "Anadolu": ("Anadolu", "Anadolu Agency", "AA"),
    "UPI": ("UPI", "United Press International"),
}

OUTLETS: dict[str, tuple[str, ...]] = {
    "t-online": ("t-online", "t-online.de", "tonline"),
    "ntv": ("ntv", "ntv.de", "n-tv", "n-tv.de"),
    "tagesschau": ("tagesschau", "tagesschau.de", "tagesschau24"),
    "ARD": ("ARD",),
    "ZDF": ("ZDF", "zdf.de", "ZDFheute"),
    "Deutschlandfunk": ("Deutschlandfunk", "DLF", "Deutschlandradio"),
    "Deutsche Welle": ("Deutsche Welle", "DW"),
    "Spiegel": (
        "Spiegel",
        "Der Spiegel",
        "SPIEGEL",
        "spiegel.de",
        "Spiegel Online",
        "SPIEGEL ONLINE",
    ),
    "FAZ": ("FAZ", "F.A.Z.", "faz.net", "Frankfurter Allgemeine Zeitung", "Frankfurter Allgemeine"),
    "Süddeutsche Zeitung": (
        "Süddeutsche Zeitung",
        "SZ",
        "sueddeutsche_zeitung",
        "sueddeutsche.de",
        "Süddeutsche",
        "SZ.de",
    ),
    "Welt": ("Welt", "WELT", "welt.de", "Die Welt", "Welt Online", "WELT ONLINE"),
    "Bild": ("Bild", "BILD", "bild.de", "Bild-Zeitung"),
    "Focus": ("Focus", "FOCUS", "focus.de", "Focus Online", "FOCUS online"),
    "Stern": ("Stern", "stern.de"),
    "Zeit": ("Zeit Online", "ZEIT ONLINE", "Die Zeit", "zeit.de"),
    "taz": ("taz", "taz.de", "die tageszeitung"),
    "Tagesspiegel": ("Tagesspiegel", "tagesspiegel.de", "Der Tagesspiegel"),
    "Merkur": ("Merkur", "merkur.de", "Münchner Merkur"),
    "RND": ("RND", "RedaktionsNetzwerk Deutschland"),
    "Handelsblatt": ("Handelsblatt",),
    "CNN": ("CNN",),
    "BBC": ("BBC",),
    "New York Times": ("New York Times", "NYT"),
    "Washington Post": ("Washington Post",),
    "Wall Street Journal": ("Wall Street Journal", "WSJ"),
    "Financial Times": ("Financial Times",),
    "Politico": ("Politico",),
    "Al Jazeera": ("Al Jazeera", "Al-Dschasira"),
    "Kyiv Independent": ("Kyiv Independent",),
}

# Outlets known by the names they print in their own credits, bylines and footers
# ("© Kleine Zeitung", "red, ORF.at/Agenturen", "Redaktion Haus.de"). They are read
# as an article's source there, but not looked for in running text, where many of
# them are ordinary words ("Kurier", "Heute", "Blick").
CREDITED_OUTLETS: dict[str, tuple[str, ...]] = {
    "ORF": ("ORF", "ORF.at", "orf.at", "ORF-Redaktion"),
    "Der Standard": ("Standard", "derStandard", "derstandard.at", "DER STANDARD"),
    "Die Presse": ("Presse", "diepresse.com", "DiePresse.com"),
    "Kurier": ("kurier.at", "KURIER"),
    "Kronen Zeitung": ("Krone", "krone.at", "Kronen Zeitung", "Kronen-Zeitung"),
    "Kleine Zeitung": ("kleinezeitung.at",),
    "Salzburger Nachrichten": ("SN", "sn.at"),
    "OÖNachrichten": ("OÖN", "Oberösterreichische Nachrichten", "nachrichten.at"),
    "Tiroler Tageszeitung": ("TT", "tt.com"),
    "Vorarlberger Nachrichten": ("VN", "vn.at"),
    "Wiener Zeitung": ("wienerzeitung.at",),
    "profil": ("Profil", "profil.at"),
    "Falter": ("falter.at",),
    "Heute": ("heute.at",),
    "oe24": ("oe24.at",),
    "exxpress": ("eXXpress", "exxpress.at"),
    "5 Minuten": ("5min", "5min.at", "5 Minuten"),
    "NZZ": ("Neue Zürcher Zeitung", "nzz.ch", "NZZ-Redaktion", "NZZ am Sonntag"),
    "Tages-Anzeiger": ("Tagesanzeiger", "tagesanzeiger.ch"),
    "Blick": ("blick.ch",),
    "20 Minuten": ("20min", "20min.ch"),
    "watson": ("watson.ch", "watson.de"),
    "SRF": ("srf.ch", "Schweizer Radio und Fernsehen", "SRF News", "Radio SRF", "10vor10"),
    "Luzerner Zeitung": ("luzernerzeitung.ch",),
    "Aargauer Zeitung": ("aargauerzeitung.ch",),
    "St. Galler Tagblatt": ("Tagblatt", "tagblatt.ch"),
    "Basler Zeitung": ("BaZ", "bazonline.ch"),
    "Berner Zeitung": ("bernerzeitung.ch",),
    "Der Bund": ("derbund.ch",),
    "Weltwoche": ("Die Weltwoche", "weltwoche.ch"),
    "WOZ": ("WOZ Die Wochenzeitung", "woz.ch"),
    "Infosperber": ("infosperber.ch",),
    "Republik": ("republik.ch",),
    "Telebasel": ("telebasel.ch",),
    "NDR": ("ndr.de", "Norddeutscher Rundfunk"),
    "WDR": ("wdr.de", "Westdeutscher Rundfunk"),
    "MDR": ("mdr.de", "Mitteldeutscher Rundfunk", "MDR AKTUELL", "MDR THÜRINGEN", "MDR SACHSEN"),
    "SWR": ("swr.de", "Südwestrundfunk", "SWR Aktuell"),
    "BR": ("br.de", "Bayerischer Rundfunk", "BR24", "B5 aktuell", "BR Fernsehen"),
    "hessenschau": ("hessenschau.de", "hr", "hr-iNFO", "Hessischer Rundfunk"),
    "rbb": ("rbb24", "rbb24.de", "Rundfunk Berlin-Brandenburg", "Inforadio", "rbb24 Inforadio"),
    "Radio Bremen": ("butenunbinnen.de", "buten un binnen"),
    "SR": ("sr.de", "Saarländischer Rundfunk"),
    "Sportschau": ("sportschau.de",),
    "RTL": ("rtl.de", "RTL News"),
    "Sat.1": ("SAT.1", "sat1.de"),
    "Eurosport": ("eurosport.de",),
    "kicker": ("Kicker", "kicker.de"),
    "Sport1": ("SPORT1", "sport1.de"),
    "Motorsport-Magazin.com": ("Motorsport-Magazin", "motorsport-magazin.com"),
    "Frankfurter Rundschau": ("FR", "fr.de"),
    "Berliner Zeitung": ("berliner-zeitung.de",),
    "Berliner Morgenpost": ("morgenpost.de",),
    "B.Z.": ("BZ", "bz-berlin.de"),
    "Hamburger Abendblatt": ("abendblatt.de", "Abendblatt"),
    "MOPO": ("Hamburger Morgenpost", "mopo.de", "Morgenpost"),
    "Kölner Stadt-Anzeiger": ("KStA", "ksta.de"),
    "Express": ("express.de",),
    "Rheinische Post": ("RP", "rp-online.de", "RP Online"),
    "WAZ": ("waz.de", "Westdeutsche Allgemeine Zeitung"),
    "General-Anzeiger": ("GA", "ga.de", "General-Anzeiger Bonn"),
    "Aachener Zeitung": ("aachener-zeitung.de",),
    "Stuttgarter Zeitung": ("StZ", "stuttgarter-zeitung.de"),
    "Stuttgarter Nachrichten": ("StN", "stuttgarter-nachrichten.de"),
    "Augsburger Allgemeine": ("augsburger-allgemeine.de",),
    "Abendzeitung München": ("Abendzeitung", "AZ", "abendzeitung-muenchen.de"),
    "tz": ("tz.de",),
    "Nürnberger Nachrichten": ("NN", "nordbayern.de"),
    "Badische Zeitung": ("BZ-Online", "badische-zeitung.de"),
    "Südkurier": ("suedkurier.de", "SÜDKURIER"),
    "Schwäbische": ("Schwäbische Zeitung", "schwaebische.de"),
    "Freie Presse": ("freiepresse.de",),
    "Sächsische Zeitung": ("Sächsische", "saechsische.de"),
    "LVZ": ("Leipziger Volkszeitung", "lvz.de"),
    "MAZ": ("Märkische Allgemeine", "maz-online.de"),
    "HAZ": ("Hannoversche Allgemeine", "Hannoversche Allgemeine Zeitung", "haz.de"),
    "Weser-Kurier": ("weser-kurier.de", "WESER-KURIER"),
    "Nordkurier": ("nordkurier.de",),
    "Volksstimme": ("volksstimme.de",),
    "Mitteldeutsche Zeitung": ("MZ", "mz.de", "mz-web.de"),
    "Thüringer Allgemeine": ("thueringer-allgemeine.de",),
    "Ostsee-Zeitung": ("ostsee-zeitung.de",),
    "Neue Westfälische": ("nw.de",),
    "HNA": ("hna.de",),
    "Osthessen|News": ("Osthessen News", "osthessen-news.de", "OSTHESSEN|NEWS"),
    "Hildesheimer Presse": ("hildesheimer-presse.de",),
    "Presse Augsburg": ("presse-augsburg.de",),
    "Handelszeitung": ("handelszeitung.ch",),
    "WirtschaftsWoche": ("WiWo", "wiwo.de", "Wirtschaftswoche"),
    "manager magazin": ("Manager Magazin", "manager-magazin.de"),
    "Capital": ("capital.de",),
    "Business Insider": ("businessinsider.de",),
    "Gründerszene": ("gruenderszene.de",),
    "t3n": ("t3n.de",),
    "heise online": ("heise", "heise.de", "c't"),
    "Golem": ("Golem.de", "golem.de"),
    "netzpolitik.org": ("netzpolitik",),
    "CHIP": ("chip.de",),
    "COMPUTER BILD": ("Computer Bild", "computerbild.de"),
    "CURVED": ("curved.de",),
    "Spektrum der Wissenschaft": ("Spektrum", "spektrum.de", "Spektrum.de"),
    "Cicero": ("cicero.de", "Cicero Online"),
    "Tichys Einblick": ("tichyseinblick.de",),
    "Junge Freiheit": ("JF", "jungefreiheit.de"),
    "junge Welt": ("Junge Welt", "jW", "jungewelt.de"),
    "nd": ("neues deutschland", "Neues Deutschland", "nd-aktuell.de", "nd aktuell"),
    "der Freitag": ("Freitag", "freitag.de"),
    "Jungle World": ("jungle.world",),
    "CORRECTIV": ("Correctiv", "correctiv.org"),
    "Übermedien": ("uebermedien.de",),
    "Krautreporter": ("krautreporter.de",),
    "Die Tagespost": ("Tagespost", "die-tagespost.de"),
    "katholisch.de": ("katholisch",),
    "Kathpress": ("kathpress",),
    "Vatican News": ("vaticannews.va",),
    "agrarheute": ("agrarheute.com",),
    "Utopia": ("utopia.de",),
    "Makronom": ("makronom.de",),
    "nachtkritik.de": ("nachtkritik",),
    "MANNSCHAFT": ("Mannschaft Magazin", "mannschaft.com"),
    "Mein-MMO": ("MeinMMO", "mein-mmo.de"),
    "Lebensmittel Praxis": ("LebensmittelPraxis", "lebensmittelpraxis.de"),
    "TagesWoche": ("tageswoche.ch",),
    "Euronews": ("euronews", "de.euronews.com"),
    "Merkur.de": ("merkur-online",),
    "Ippen.Media": ("Ippen Media",),
    "Die Glocke": ("die-glocke.de",),
    "Saarbrücker Zeitung": ("saarbruecker-zeitung.de",),
    "Trierischer Volksfreund": ("volksfreund.de",),
    "Rhein-Zeitung": ("rhein-zeitung.de",),
    "Main-Post": ("mainpost.de",),
    "Mittelbayerische": ("Mittelbayerische Zeitung", "mittelbayerische.de"),
    "Passauer Neue Presse": ("PNP", "pnp.de"),
    "OVB": ("OVB24", "ovb-online.de"),
    "Heilbronner Stimme": ("stimme.de",),
    "Kieler Nachrichten": ("kn-online.de",),
    "Lübecker Nachrichten": ("ln-online.de",),
    "shz": ("shz.de",),
    "NWZ": ("Nordwest-Zeitung", "nwzonline.de"),
    "Ruhr Nachrichten": ("ruhrnachrichten.de",),
    "Westfalenpost": ("wp.de",),
    "Der Westen": ("derwesten.de", "DerWesten"),
    "Wiesbadener Kurier": ("wiesbadener-kurier.de",),
    "Frankenpost": ("frankenpost.de",),
    "Schwarzwälder Bote": ("schwarzwaelder-bote.de",),
    "Bayerische Staatszeitung": ("bsz.de",),
    "ran": ("ran.de",),
    "Transfermarkt": ("transfermarkt.de",),
    "auto motor und sport": ("auto-motor-und-sport.de", "ams"),
    "AUTO ZEITUNG": ("Auto Zeitung", "autozeitung.de"),
    "auto-motor.at": ("auto motor at",),
    "tennisnet.com": ("tennisnet",),
    "MTB-News.de": ("MTB-News", "mtb-news.de"),
    # Further national, regional, public and online outlets of Germany, Austria and
    # Switzerland, by the names they credit themselves with.
    # Sunday editions appear on their weekday paper's site.
    "Bild": ("Bild am Sonntag", "BamS", "BILD am SONNTAG"),
    "Welt": ("Welt am Sonntag", "WamS", "WELT AM SONNTAG", "WELT TV", "N24"),
    "FAZ": ("Frankfurter Allgemeine Sonntagszeitung", "F.A.S.", "FAS"),
    "Deutschlandfunk Kultur": ("deutschlandfunkkultur.de", "Dlf Kultur"),
    "Deutschlandfunk Nova": ("deutschlandfunknova.de", "Dlf Nova"),
    "phoenix": ("phoenix.de", "PHOENIX"),
    "3sat": ("3sat.de",),
    "arte": ("ARTE", "arte.tv"),
    "tagesthemen": ("Tagesthemen",),
    "ARD": ("Das Erste", "ARD Mediathek"),
    "tagesschau": ("ARD-aktuell",),
    "Spiegel": ("SPIEGEL+",),
    "ZDFheute": ("zdfheute.de", "heute journal"),
    "Neue Osnabrücker Zeitung": ("NOZ", "noz.de"),
    "Rhein-Neckar-Zeitung": ("RNZ", "rnz.de"),
    "Mannheimer Morgen": ("MM", "mannheimer-morgen.de"),
    "Allgemeine Zeitung": ("allgemeine-zeitung.de",),
    "Braunschweiger Zeitung": ("braunschweiger-zeitung.de",),
    "Göttinger Tageblatt": ("goettinger-tageblatt.de",),
    "Neue Presse": ("neuepresse.de",),
    "Ostthüringer Zeitung": ("OTZ", "otz.de"),
    "Thüringische Landeszeitung": ("TLZ", "tlz.de"),
    "Lausitzer Rundschau": ("LR", "lr-online.de"),
    "Märkische Oderzeitung": ("MOZ", "moz.de"),
    "Nordbayerischer Kurier": ("kurier.de",),
    "Donaukurier": ("DK", "donaukurier.de"),
    "Westfälische Nachrichten": ("wn.de",),
    "Westfalen-Blatt": ("westfalen-blatt.de",),
    "NRZ": ("Neue Ruhr Zeitung", "nrz.de"),
    "Westdeutsche Zeitung": ("WZ", "wz.de"),
    "Solinger Tageblatt": ("solinger-tageblatt.de",),
    "Gießener Allgemeine": ("giessener-allgemeine.de",),
    "Darmstädter Echo": ("echo-online.de",),
    "Offenbach-Post": ("op-online.de",),
    "Fuldaer Zeitung": ("fuldaerzeitung.de",),
    "Pforzheimer Zeitung": ("pz-news.de",),
    "Badische Neueste Nachrichten": ("BNN", "bnn.de"),
    "Südwest Presse": ("SWP", "swp.de"),
    "Schwäbisches Tagblatt": ("tagblatt.de",),
    "Esslinger Zeitung": ("esslinger-zeitung.de",),
    "Allgäuer Zeitung": ("all-in.de",),
    "Nordsee-Zeitung": ("nordsee-zeitung.de",),
    "Ostfriesen-Zeitung": ("oz-online.de",),
    "Flensburger Tageblatt": ("shz.de/flensburg",),
    "Schweriner Volkszeitung": ("SVZ", "svz.de"),
    "Potsdamer Neueste Nachrichten": ("PNN", "pnn.de"),
    "Hessische/Niedersächsische Allgemeine": ("Hessische Niedersächsische Allgemeine",),
    "Kreiszeitung": ("kreiszeitung.de",),
    "Ruhr24": ("ruhr24.de",),
    "Frankfurter Neue Presse": ("FNP", "fnp.de"),
    "Münchner Abendzeitung": ("az-muenchen.de",),
    "Berliner Kurier": ("berliner-kurier.de",),
    "Bunte": ("bunte.de", "BUNTE"),
    "Gala": ("gala.de",),
    "Brigitte": ("brigitte.de",),
    "Sport Bild": ("SPORT BILD", "sportbild.de"),
    "11 Freunde": ("11FREUNDE", "11freunde.de"),
    "Spox": ("SPOX", "spox.com"),
    "Sportbuzzer": ("sportbuzzer.de",),
    "Motorsport-Total.com": ("motorsport-total.com",),
    "GIGA": ("giga.de",),
    "Netzwelt": ("netzwelt.de",),
    "HuffPost": ("Huffington Post", "huffingtonpost.de"),
    "BuzzFeed News": ("BuzzFeed", "buzzfeed.de"),
    "Perspective Daily": ("perspective-daily.de",),
    "Epoch Times": ("epochtimes.de",),
    "kath.net": ("kathnet",),
    "evangelisch.de": ("evangelisch",),
    "web.de": ("WEB.DE",),
    "GMX": ("gmx.net",),
    "news.de": ("News.de",),
    "Niederösterreichische Nachrichten": ("NÖN", "noen.at"),
    "meinbezirk.at": ("MeinBezirk", "Bezirksblätter"),
    "PULS 24": ("Puls 24", "puls24.at"),
    "ServusTV": ("servustv.com",),
    "Ö1": ("oe1.orf.at",),
    "Wiener Bezirkszeitung": ("bz.at",),
    "Solothurner Zeitung": ("solothurnerzeitung.ch",),
    "Südostschweiz": ("Die Südostschweiz", "suedostschweiz.ch"),
    "SonntagsBlick": ("Sonntagsblick",),
    "SonntagsZeitung": ("Sonntagszeitung",),
    "Bilanz": ("bilanz.ch",),
    "finews.ch": ("finews",),
    "swissinfo.ch": ("swissinfo", "SWI swissinfo.ch"),
    "CH Media": ("chmedia.ch",),
    "Bote der Urschweiz": ("bote.ch",),
    "Thurgauer Zeitung": ("thurgauerzeitung.ch",),
    "Zürichsee-Zeitung": ("zsz.ch",),
    "Landbote": ("Der Landbote", "landbote.ch"),
    "Walliser Bote": ("walliserbote.ch",),
    "Freiburger Nachrichten": ("freiburger-nachrichten.ch",),
    "Tageblatt": ("tageblatt.lu",),
    "Luxemburger Wort": ("wort.lu",),
    "Südtirol Online": ("stol.it", "STOL"),
    "Dolomiten": ("dolomiten.it",),
    "salto.bz": ("salto",),
    # Tech, finance and sports sites, regional papers and broadcasters' programmes
    # that print their names in credits and notes.
    "GameStar": ("gamestar.de", "Gamestar"),
    "WinFuture": ("winfuture.de",),
    "ComputerBase": ("computerbase.de",),
    "PC Games Hardware": ("PCGH", "pcgameshardware.de"),
    "PC-WELT": ("PC Welt", "pcwelt.de"),
    "Computerwoche": ("computerwoche.de",),
    "Börsen-Zeitung": ("boersen-zeitung.de",),
    "finanzen.net": ("Finanzen.net",),
    "DER AKTIONÄR": ("Der Aktionär", "deraktionaer.de"),
    "Finanz und Wirtschaft": ("FuW", "fuw.ch"),
    "Sky Sport": ("skysport.de", "sport.sky.de", "Sky Sport News", "skysport.at"),
    "LAOLA1": ("Laola1", "laola1.at"),
    "Formel1.de": ("formel1.de",),
    "Kölnische Rundschau": ("rundschau-online.de",),
    "Die Rheinpfalz": ("Rheinpfalz", "rheinpfalz.de"),
    "DNN": ("Dresdner Neueste Nachrichten", "dnn.de"),
    "Westfälischer Anzeiger": ("wa.de",),
    "Reutlinger General-Anzeiger": ("gea.de",),
    "Main-Echo": ("main-echo.de",),
    "Nürnberger Zeitung": ("nz-online.de",),
    "Straubinger Tagblatt": ("idowa", "idowa.de"),
    "inFranken.de": ("infranken.de", "Fränkischer Tag"),
    "Oberhessische Presse": ("op-marburg.de",),
    "Lippische Landes-Zeitung": ("lz.de",),
    "ProSieben": ("prosieben.de", "Pro7"),
    "GEO": ("geo.de",),
    "Apotheken Umschau": ("apotheken-umschau.de",),
    "Vorarlberg Online": ("VOL.AT", "vol.at"),
    "Vienna.at": ("vienna.at",),
    "news.at": ("NEWS Magazin",),
    "Die Furche": ("Furche", "furche.at"),
    "Salzburg24": ("salzburg24.at",),
    "BVZ": ("Burgenländische Volkszeitung", "bvz.at"),
    "ZackZack": ("zackzack.at",),
    "Nau.ch": ("nau.ch",),
    "bz Basel": ("bz – Zeitung für die Region Basel", "bzbasel.ch"),
    "Limmattaler Zeitung": ("limmattalerzeitung.ch",),
    "zentralplus": ("zentralplus.ch",),
    "Schweizer Illustrierte": ("schweizer-illustrierte.ch",),
    "Beobachter": ("beobachter.ch",),
}

UNKNOWN = "source unknown"
"""How every view and export names the source of an article that names none."""

_CANONICAL: dict[str, str] = {
    alias.casefold(): name
    for table in (CREDITED_OUTLETS, AGENCIES, OUTLETS)
    for name, aliases in table.items()
    for alias in (name, *aliases)
}

# More outlets, named by their sites and archives' keys. They are recognised in
# credits and metadata (a site name, a publisher, a domain), but not as mentions in
# running text, where many of them are ordinary words ("Kurier", "Freitag").
SITE_OUTLETS: dict[str, tuple[str, ...]] = {
    "nd": ("neues deutschland", "nd-aktuell.de", "neues_deutschland", "nd aktuell"),
    "junge Welt": ("jungewelt", "junge welt", "jungewelt.de"),
    "Junge Freiheit": ("jungefreiheit", "jungefreiheit.de", "JF"),
    "Kronen Zeitung": ("krone", "krone.at", "Kronen Zeitung", "Krone"),
    "Kurier": ("kurier", "kurier.at"),
    "Der Standard": ("derstandard", "derstandard.at", "derStandard.at", "Standard"),
    "Die Presse": ("diepresse", "diepresse.com", "Presse"),
    "ORF": ("orf.at", "ORF.at", "news.orf.at"),
    "Neue Zürcher Zeitung": ("NZZ", "nzz.ch", "Neue Zürcher Zeitung"),
    "Tages-Anzeiger": ("tagesanzeiger", "tagesanzeiger.ch"),
    "SRF": ("srf.ch", "Schweizer Radio und Fernsehen"),
    "Frankfurter Rundschau": ("FR", "fr.de", "Frankfurter Rundschau"),
    "Berliner Zeitung": ("berliner-zeitung.de",),
    "Berliner Morgenpost": ("morgenpost.de",),
    "Hamburger Abendblatt": ("abendblatt.de",),
    "Kölner Stadt-Anzeiger": ("ksta.de", "KStA"),
    "Rheinische Post": ("rp-online.de", "RP Online", "RP ONLINE"),
    "Stuttgarter Zeitung": ("stuttgarter-zeitung.de",),
    "Stuttgarter Nachrichten": ("stuttgarter-nachrichten.de",),
    "Augsburger Allgemeine": ("augsburger-allgemeine.de",),
    "Mitteldeutsche Zeitung": ("mz.de", "mz-web.de"),
    "Freie Presse": ("freiepresse.de",),
    "Sächsische Zeitung": ("saechsische.de",),
    "Leipziger Volkszeitung": ("lvz.de", "LVZ"),
    "Hannoversche Allgemeine": ("haz.de", "HAZ"),
    "Westdeutsche Allgemeine Zeitung": ("waz.de", "WAZ"),
    "Der Westen": ("derwesten.de",),
    "Hamburger Morgenpost": ("mopo.de", "MOPO"),
    "Abendzeitung": ("abendzeitung-muenchen.de", "AZ München"),
    "tz": ("tz.de",),
    "Nürnberger Nachrichten": ("nn.de", "nordbayern.de"),
    "Badische Zeitung": ("badische-zeitung.de",),
    "Neue Osnabrücker Zeitung": ("noz.de", "NOZ"),
    "Weser-Kurier": ("weser-kurier.de",),
    "Deutschlandfunk Kultur": ("deutschlandfunkkultur.de",),
    "Deutschlandfunk": ("deutschlandfunk.de",),
    "Deutsche Welle": ("dw.com",),
    "NDR": ("ndr.de", "Norddeutscher Rundfunk"),
    "WDR": ("wdr.de", "Westdeutscher Rundfunk"),
    "MDR": ("mdr.de", "Mitteldeutscher Rundfunk"),
    "BR": ("br.de", "Bayerischer Rundfunk", "BR24"),
    "SWR": ("swr.de", "Südwestrundfunk", "SWR Aktuell"),
    "HR": ("hr.de", "hessenschau.de", "Hessischer Rundfunk", "hessenschau"),
    "RBB": ("rbb24.de", "rbb24", "Rundfunk Berlin-Brandenburg"),
    "SR": ("sr.de", "Saarländischer Rundfunk"),
    "Radio Bremen": ("radiobremen.de", "butenunbinnen.de"),
    "RTL": ("rtl.de", "RTL.de"),
    "Cicero": ("cicero", "cicero.de"),
    "Der Freitag": ("freitag", "freitag.de", "der Freitag"),
    "Tichys Einblick": ("tichyseinblick", "tichyseinblick.de"),
    "Vice": ("vice", "vice.com", "VICE"),
    "Compact": ("compact_online", "compact-online.de", "COMPACT", "COMPACT-Magazin"),
    "RT DE": ("deutsche_rt", "de.rt.com", "RT Deutsch"),
    "SNA": ("sputniknews", "snanews.de", "Sputnik", "de.sputniknews.com"),
    "NachDenkSeiten": ("nachdenkseiten", "nachdenkseiten.de"),
    "Achse des Guten": ("achgut", "achgut.com", "Die Achse des Guten"),
    "Jungle World": ("jungle", "jungle.world"),
    "Heise": ("heise online", "heise.de"),
    "Golem": ("golem.de",),
    "netzpolitik.org": ("netzpolitik",),
    "Manager Magazin": ("manager-magazin.de",),
    "Wirtschaftswoche": ("wiwo.de", "WirtschaftsWoche", "WiWo"),
    "Capital": ("capital.de",),
    "Business Insider": ("businessinsider.de",),
    "Watson": ("watson.de", "watson.ch"),
    "Blick": ("blick.ch",),
    "20 Minuten": ("20min.ch", "20min"),
    "Kleine Zeitung": ("kleinezeitung.at",),
    "Salzburger Nachrichten": ("sn.at",),
    "profil": ("profil.at",),
    "futurezone": ("futurezone.at",),
    "Kirche + Leben": ("kirche-und-leben.de",),
    "katholisch.de": ("katholisch",),
    "domradio.de": ("domradio",),
    "Vatican News": ("vaticannews.va",),
    "Euronews": ("euronews.com", "euronews"),
    "Reuters": ("reuters.com",),
}

for _name, _aliases in SITE_OUTLETS.items():
    for _alias in (_name, *_aliases):
        _CANONICAL.setdefault(_alias.casefold(), _name)

# Names that are ordinary words or too short to trust in running text; they count
# only inside credits ("(dpa/AP)"), never as a mention in the body.
_AMBIGUOUS_IN_TEXT = {
    "AP",
    "SZ",
    "DW",
    "SID",
    "dts",
    "Welt",
    "Bild",
    "Stern",
    "Focus",
    "Merkur",
    "Zeit",
    "taz",
    "ntv",
    "Spiegel",
    "AFX",
    "APA",
    "DLF",
    "NYT",
    "AA",
    "idea",
    "sda",
    "ddp",
    "EFE",
    "PAP",
    "ANP",
}


_CANONICAL_SPELLINGS = {
    alias
    for table in (AGENCIES, OUTLETS)
    for name, aliases in table.items()
    for alias in (name, *aliases)
}


def normalise_source(name: str) -> str | None:
    """The canonical name of a known agency or outlet, or None.

    "F.A.Z." keeps its dots; a site's subdomain or "www." is dropped when the name
    is otherwise unknown ("wien.ORF.at" is ORF).
    """
    text = name.strip().casefold()
    found = _CANONICAL.get(text.rstrip(",;:")) or _CANONICAL.get(text.strip(".,;:"))
    if found is None and "." in text.strip("."):
        found = _CANONICAL.get(text.strip(".,;:").split(".", 1)[1])
    return found


_HOST_PREFIX = re.compile(r"^(?:www\d?|m|mobil|mobile|amp|web|de|news|online)\.")
_DOMAIN_LIKE = re.compile(r"^(?:https?://)?(?:[\w-]+\.)+[a-z]{2,}(?:[/:?#].*)?$", re.IGNORECASE)


def site_host(url: str) -> str | None:
    """The host of a URL or domain, without "www.": "https://www.taz.de/x" -> "taz.de"."""
    text = url.strip()
    if not _DOMAIN_LIKE.match(text):
        return None
    host = re.sub(r"^https?://", "", text, flags=re.IGNORECASE)
    host = re.split(r"[/:?#]", host, maxsplit=1)[0].lower().rstrip(".")
    return re.sub(r"^www\d?\.", "", host) or None


def outlet_name(value: str) -> str | None:
    """The canonical outlet (or agency) a site name, publisher, domain or URL names.

    Domains are tried whole, without prefixes such as "www." or "m.", as their last
    two labels, and as the name before the top-level domain ("spiegel.de" -> Spiegel).
    """
    name = normalise_source(value)
    if name is not None:
        return name
    host = site_host(value)
    if host is None:
        return None
    labels = host.split(".")
    candidates = [host, _HOST_PREFIX.sub("", host), ".".join(labels[-2:]), labels[-2]]
    for candidate in candidates:
        found = normalise_source(candidate)
        if found is not None:
            return found
    return None


def is_agency(name: str) -> bool:
    return name in AGENCIES


_IN_TEXT = sorted(_CANONICAL_SPELLINGS - _AMBIGUOUS_IN_TEXT, key=len, reverse=True)
# The spellings by their first word ("F" for "F.A.Z.", "stern" for "stern.de"):
# only the spellings whose first word the text holds are looked for.
_BY_FIRST_WORD: dict[str, list[str]] = {}
for _alias in _IN_TEXT:
    _first = re.split(r"[^\w-]", _alias, maxsplit=1)[0]
    _BY_FIRST_WORD.setdefault(_first, []).append(_alias)
# A capitalised word of the text, whole: most first words are found among these,
# by one pass that stops only at capitals. The others ("dpa", "n-tv") are few and
# looked for as substrings.
_CAPITALISED = re.compile(r"[A-ZÄÖÜ][\w-]*")
_CAPITALISED_FIRST = frozenset(w for w in _BY_FIRST_WORD if _CAPITALISED.fullmatch(w))
_OTHER_FIRST = tuple(w for w in _BY_FIRST_WORD if w not in _CAPITALISED_FIRST)
# Of these, the words that start only domains ("spiegel" of "spiegel.de") are looked
# for only in texts that hold a domain ending at all.
_DOMAIN_FIRST = tuple(w for w in _OTHER_FIRST if all("." in a for a in _BY_FIRST_WORD[w]))
_WORD_FIRST = tuple(w for w in _OTHER_FIRST if w not in _DOMAIN_FIRST)
_DOMAIN_ENDINGS = tuple(
    sorted({"." + a.rsplit(".", 1)[1] for w in _DOMAIN_FIRST for a in _BY_FIRST_WORD[w]})
)


def _is_word_edge(text: str, index: int) -> bool:
    """True where ``index`` is outside ``text`` or no letter, digit or hyphen."""
    if index < 0 or index >= len(text):
        return True
    ch = text[index]
    return not (ch.isalnum() or ch in "_-")


def _mentions(text: str, alias: str) -> list[int]:
    """Where ``alias`` stands in ``text`` as words of its own (not in "Anti-Spiegel")."""
    found = []
    start = text.find(alias)
    while start >= 0:
        if _is_word_edge(text, start - 1) and _is_word_edge(text, start + len(alias)):
            found.append(start)
        start = text.find(alias, start + 1)
    return found


def cited_sources(text: str) -> list[str]:
    """Agencies and outlets the text names as someone else's report, in order.

    The text's capitalised words are looked up (one fast pass); only a spelling
    whose first word occurs is searched for, as a plain substring. One expression
    over all spellings cost a quarter of all parsing time.
    """
    hits = set(_CAPITALISED_FIRST.intersection(_CAPITALISED.findall(text)))
    hits.update(word for word in _WORD_FIRST if word in text)
    if any(ending in text for ending in _DOMAIN_ENDINGS):
        hits.update(word for word in _DOMAIN_FIRST if word in text)
    if not hits:
        return []
    aliases = {alias for word in hits for alias in _BY_FIRST_WORD[word]}
    found = [(start, -len(alias), alias) for alias in aliases for start in _mentions(text, alias)]
    found.sort()
    seen: list[str] = []
    end = -1
    # Leftmost-longest, as one alternation would match: a spelling inside a longer
    # one found at the same place or before ("Frankfurter Allgemeine Zeitung") is
    # no mention of its own.
    for start, negative_length, alias in found:
        if start < end:
            continue
        end = start - negative_length
        name = _CANONICAL[alias.casefold()]
        if name not in seen:
            seen.append(name)
    return seen


def split_credit(credit: str) -> list[str]:
    """Names in a credit such as "t-online, dpa", "Tass/dpa" or "dpa und AFP"."""
    parts = re.split(r"\s*(?:,|/|\||;|&|\bund\b|\bmit\b)\s*", credit)
    return [p.strip() for p in parts if p.strip()]


_WEB_SUFFIX = re.compile(r"^(?:https?://)?(?:www\.)?(.+?)(?:\.(?:de|com|net|org|at|ch|eu|fr))?/?$")
_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def source_key(name: str) -> str:
    """A name folded for comparison: case, umlauts, accents, punctuation, web suffix.

    "t-online", "T-Online.de" and "tonline" fold alike; so do "Süddeutsche
    Zeitung" and "sueddeutsche_zeitung", "n-tv" and "ntv".
    """
    import unicodedata

    text = name.strip().casefold()
    text = _WEB_SUFFIX.sub(r"\1", text).translate(_FOLD)
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if ch.isalnum())


def source_keys(name: str) -> set[str]:
    """The keys a source name stands for: its own and its canonical name's."""
    keys = {source_key(name)}
    canonical = normalise_source(name) or normalise_source(name.replace("_", " "))
    if canonical:
        keys.add(source_key(canonical))
    # "Spiegel Online", "Welt Online": the site is the outlet.
    keys |= {k[: -len("online")] for k in keys if k.endswith("online") and len(k) >= 9}
    return keys - {""}


def matching_sources(wanted: str, known: list[str]) -> list[str]:
    """The names in ``known`` (as the index stores them) that ``wanted`` means."""
    keys = source_keys(wanted)
    return [name for name in known if source_keys(name) & keys]


def closest_sources(wanted: str, known: list[str], count: int = 3) -> list[str]:
    """The known names most like ``wanted``, for a suggestion."""
    from rapidfuzz import fuzz, process

    keyed = {source_key(name): name for name in known}
    found = process.extract(source_key(wanted), list(keyed), scorer=fuzz.WRatio, limit=count)
    return [keyed[key] for key, score, _ in found if score >= 60]
