#!/usr/bin/env python3
"""Workshop « Archipel de Thau » (fictional): tourism, catering, health and care on the
Mediterranean coast (Sète, Balaruc, Frontignan, Agde, Montpellier). Writes companies.json,
cards.json, expected.jsonl, negatives.jsonl next to this file.
Run: python3 tests/eval/sets/littoral-tourisme-sante/make_set.py
"""
import os, sys
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(os.path.dirname(HERE)))
from evalset import Workshop, O, N, T  # noqa: E402

w = Workshop("th")
S = ("Sète – port et Lido", 43.4030, 3.6930)
BA = ("Balaruc-les-Bains", 43.4430, 3.6780)         # ~5 km from S
F = ("ZI des Eaux Blanches, Frontignan", 43.4450, 3.7450)  # ~6 km from S
A = ("Cap d'Agde", 43.2850, 3.5050)                  # ~20 km from S
M = ("Montpellier – Millénaire", 43.6050, 3.9000)   # ~28 km from S
co = w.co
co("hotel_spa", "Hôtel Thalasso du Lido", S, -0.004, -0.010, "55.10Z", 70)
co("camping", "Camping Les Sables d'Agde", A, 0.003, 0.004, "55.30Z", 12)
co("residence", "Résidence de tourisme Cap Soleil", A, -0.002, 0.006, "55.20Z", 18)
co("hotel_mtp", "Hôtel Odysseum Montpellier", M, 0.002, 0.003, "55.10Z", 45)
co("village", "Village vacances Les Pins", A, 0.006, -0.004, "55.20Z", 25)
co("thermes", "Thermes de Balaruc", BA, 0.001, 0.001, "96.04Z", 160)
co("plage", "Club de plage Le Lido", S, -0.008, -0.015, "93.29Z", 6)
co("croisiere", "Bateaux Promenade de Sète", S, 0.002, 0.004, "50.10Z", 9)
co("parc", "Parc aquatique Aqualagune", A, -0.005, -0.003, "93.21Z", 14)
co("office", "Office de tourisme Archipel de Thau", S, 0.003, -0.002, "84.13Z", 20)
co("restaurant", "Restaurant La Criée", S, 0.001, 0.005, "56.10A", 15)
co("traiteur", "Traiteur du Bassin de Thau", F, 0.002, -0.002, "56.21Z", 22)
co("cuisine", "Cuisine centrale de Sète", S, 0.005, 0.002, "56.29B", 35)
co("brasserie", "Brasserie du Cap", A, 0.001, -0.001, "56.10A", 11)
co("glacier", "Glaces artisanales d'Agde", A, 0.004, 0.001, "10.52Z", 8)
co("boulangerie", "Boulangerie du Môle", S, -0.001, 0.003, "10.71C", 10)
co("cave", "Cave coopérative de Marseillan", A, 0.050, 0.060, "11.02B", 30)
co("clinique", "Clinique Sainte-Thérèse", S, 0.006, -0.004, "86.10Z", 210)
co("ehpad", "EHPAD Les Mouettes", S, 0.004, 0.006, "87.10A", 60)
co("ehpad2", "EHPAD Les Oliviers", A, -0.003, 0.008, "87.10A", 55)
co("labo", "Laboratoire d'analyses médicales de Thau", F, -0.002, 0.003, "86.90B", 25)
co("ssiad", "SSIAD du Bassin de Thau", S, -0.003, 0.001, "88.10A", 30)
co("pharmacie", "Pharmacie du Port", S, 0.000, 0.002, "47.73Z", 7)
co("kine", "Cabinet de kinésithérapie du Lido", S, -0.006, -0.008, "86.90E", 4)
co("dentiste", "Cabinet dentaire de la Corniche", S, -0.002, -0.006, "86.23Z", 5)
co("reeduc", "Centre de rééducation Le Phare", BA, 0.003, -0.002, "86.10Z", 95)
co("clinique_mtp", "Polyclinique du Millénaire", M, -0.003, 0.001, "86.10Z", 320)
co("ambulance", "Ambulances Thau Secours", F, 0.003, 0.004, "86.90A", 28)
co("blanchisserie", "Hérault Linge, blanchisserie industrielle", F, -0.004, -0.003, "96.01A", 48)
co("nettoyage", "Azur Propreté", F, 0.005, 0.001, "81.21Z", 90)
co("securite", "Sécurité Littoral", A, -0.004, -0.006, "80.10Z", 40)
co("jardins", "Jardins du Golfe", A, 0.007, 0.002, "81.30Z", 16)
co("collecte", "Thau Collecte & Tri", F, 0.006, -0.005, "38.11Z", 70)
co("dasri", "Med'Dasri Occitanie", M, 0.004, -0.006, "38.22Z", 24)
co("methanisation", "Thau Énergie, méthanisation", F, 0.008, 0.006, "35.21Z", 7)
co("transport", "Navettes Littoral Voyages", F, -0.005, 0.005, "49.39B", 35)
co("froid", "Froid Logistique Sud", F, -0.006, -0.001, "52.10A", 26)
co("esat", "ESAT La Bergerie", F, 0.009, 0.000, "88.10C", 80, ess=True)
co("banque", "Banque alimentaire de l'Hérault, antenne de Sète", S, 0.007, 0.000, "88.99B", 5, ess=True)
co("ressourcerie", "Ressourcerie Le Grenier de Thau", S, 0.006, 0.009, "47.79Z", 11, ess=True)
co("regie", "Régie Littoral Insertion", A, 0.008, 0.007, "81.10Z", 30, ess=True)
co("geiq", "GEIQ Hôtellerie-Restauration Occitanie", M, 0.000, -0.004, "78.30Z", 6, ess=True)

# ------------------------------------------------------------ food: biowaste, oil, surplus
w.sub("biodéchets -> méthanisation",
      O("cuisine", "biodechets cuisine centrale ~300kg/j en periode scolaire", months=[9, 10, 11, 12, 1, 2, 3, 4, 5, 6], quantity=300, unit="kg", frequency="jour", waste_code="20 01 08"),
      O("restaurant", "epluchures + restes assiettes, 2 bacs 240L/j l'ete", months=[6, 7, 8, 9]),
      O("camping", "biodéchets du snack et du resto, juin-sept", months=[6, 7, 8, 9]),
      O("hotel_spa", "dechets alimentaires du petit dej buffet"),
      T("methanisation", "Thau Energie : collecte de vos biodechets en bacs pour methanisation (agrément sanitaire SPAn C3)", category="dechet"))
w.sub("huiles alimentaires",
      O("brasserie", "huile friture usagée 60 L/sem en saison", quantity=60, unit="L", frequency="semaine", months=[4, 5, 6, 7, 8, 9, 10], waste_code="20 01 25"),
      O("camping", "huiles de friture du snack (bidons)", waste_code="20 01 25"),
      T("collecte", "Thau Collecte : huiles alimentaires usagées, bidons fournis, valorisées en biodiesel"))
w.sub("dons alimentaires",
      O("boulangerie", "invendus pain et viennoiseries tous les soirs"),
      O("traiteur", "surplus de plateaux repas non servis, chaine du froid respectee (+3°C)"),
      O("cuisine", "repas non servis en liaison froide, ~40/j", quantity=40, unit="repas", frequency="jour"),
      N("banque", "ramasse de dons alimentaires frais et secs (camion frigo)"))
w.single(O("hotel_spa", "restes du buffet exposé en salle (petit-déjeuner)"))
w.sub("hygiène pour les bénéficiaires",
      O("pharmacie", "parapharmacie à date courte (crèmes, gels douche, hygiène bébé)"),
      N("banque", "produits d'hygiène pour nos bénéficiaires"))
w.single(O("pharmacie", "médicaments non utilisés (MNU) rapportés par les patients"))

# ------------------------------------------------------------ textiles, furniture, medical reuse
w.sub("textiles de réemploi",
      O("hotel_spa", "linge hôtelier réformé (draps, serviettes), ~300 kg/an", quantity=300, unit="kg", frequency="an"),
      O("thermes", "peignoirs et serviettes de bain réformés"),
      N("nettoyage", "chiffons d'essuyage coton pour nos équipes"))
w.single(O("clinique", "draps de bloc et tenues souillées après soins"))
w.sub("réemploi : ressourcerie",
      O("clinique", "lits médicalisés réformés (20) + fauteuils roulants", quantity=20, unit="pièces"),
      O("reeduc", "deambulateurs, fauteuils, materiel de reeduc remplace"),
      O("hotel_mtp", "renovation : mobilier de 80 chambres (lits, chevets, TV)"),
      O("residence", "canapes-lits et vaisselle des apparts remplaces"),
      N("ressourcerie", "Le Grenier de Thau : nous reprenons meubles, vaisselle, linge, jouets, matériel médical"))
w.pair("linge hôtelier réformé", "Le Grenier de Thau : nous reprenons", "linge", "strong")
w.pair("peignoirs et serviettes de bain", "Le Grenier de Thau : nous reprenons", "linge", "strong")
w.sub("lits médicalisés d'occasion",
      N("ehpad2", "lits médicalisés d'occasion en bon état, 6"))
w.pair("lits médicalisés réformés", "lits médicalisés d'occasion", "lits médicalisés", "strong")
w.single(N("ehpad", "lits médicalisés neufs, norme NF EN 60601-2-52 obligatoire, pas d'occasion"))
w.sub("mobilier des mobil-homes",
      N("village", "literie, vaisselle et petit mobilier pour nos mobil-homes"))
w.pair("renovation : mobilier de 80", "literie, vaisselle et petit mobilier", "mobilier", "strong")
w.pair("canapes-lits et vaisselle", "literie, vaisselle et petit mobilier", "mobilier", "strong")
w.single(O("hotel_mtp", "matelas usagés tachés (chambres traitées contre les punaises de lit)"))
w.sub("upcycling couture",
      O("parc", "bouées et jeux gonflables PVC percés"),
      O("clinique", "feuilles de stérilisation PP bleues (non souillées), 2 t/an", quantity=2, unit="t", frequency="an"),
      N("ressourcerie", "chutes de tissus et bâches pour l'atelier couture (sacs, trousses)"), strength="weak")
w.sub("mobilier d'extérieur",
      O("hotel_spa", "salons de jardin teck (20), remplacés cet hiver"),
      N("camping", "mobilier d'extérieur uniquement alu ou teck, pas de plastique"))
w.single(O("plage", "transats plastique PP réformés, 40"))

# ------------------------------------------------------------ waste collection, hazardous
w.sub("verre et cartons",
      O("brasserie", "bouteilles verre vides, 3 bacs/jour l'été", months=[6, 7, 8]),
      O("pharmacie", "cartons d'emballage de livraison tous les jours"),
      T("collecte", "Thau Collecte : collecte du verre, cartons et DIB des professionnels, ordures ménagères"))
w.sub("DASRI",
      O("ssiad", "DASRI : aiguilles + pansements des soins a domicile, boites jaunes", waste_code="18 01 03*"),
      O("pharmacie", "point de collecte DASRI des patients en auto-traitement (boîtes jaunes)", waste_code="18 01 03*"),
      O("labo", "dechets de labo (tubes sang, pointes) 50 kg/sem", quantity=50, unit="kg", frequency="semaine", waste_code="18 01 03*"),
      T("dasri", "Med'Dasri : collecte et incinération des DASRI, agréé, conteneurs fournis", category="dechet"))
w.mut("DASRI petits producteurs",
      N("kine", "collecte DASRI petites quantites (cabinet)"),
      N("dentiste", "collecte DASRI et amalgames dentaires, mutualiser avec d'autres cabinets ?"))
w.pair("Med'Dasri : collecte", "collecte DASRI petites quantites", "DASRI", "strong")
w.pair("Med'Dasri : collecte", "collecte DASRI et amalgames", "DASRI", "strong")
w.single(O("parc", "chlore et produits de traitement des bassins périmés", waste_code="16 05 06*"),
         N("residence", "produits de traitement de l'eau des piscines (chlore, pH)"))

# ------------------------------------------------------------ laundry, cleaning, green spaces
w.mut("blanchisserie",
      O("blanchisserie", "blanchisserie industrielle : collecte et livraison du linge, méthode RABC"),
      O("esat", "ESAT : blanchisserie pour tenues et linge plat, petits volumes"),
      N("ehpad", "traitement du linge des résidents + linge plat"),
      N("ehpad2", "blanchisserie linge plat 200 kg/sem", quantity=200, unit="kg", frequency="semaine"),
      N("village", "lavage du linge des locations, juin-sept", months=[6, 7, 8, 9]),
      N("residence", "linge de maison des apparts, rotation le samedi"))
w.single(N("clinique", "stérilisation des textiles de bloc opératoire"))
w.mut("espaces verts",
      O("esat", "ESAT : entretien espaces verts, debroussaillage"),
      O("regie", "Régie Littoral : espaces verts, nettoyage de plages, petits travaux"),
      N("camping", "debroussaillage obligatoire (OLD) autour du camping avant juin", months=[4, 5]),
      N("village", "entretien des pins et des haies"),
      N("ehpad2", "jardin thérapeutique à entretenir"))
w.sub("posidonies -> paillage",
      O("plage", "posidonies echouees ramassees sur la plage, ~20 t au printemps", months=[3, 4, 5], quantity=20, unit="t"),
      N("jardins", "paillage pour massifs, 30 m3", quantity=30, unit="m3"), strength="weak")
w.sub("autolaveuse",
      O("parc", "autolaveuse + monobrosse inutilisées l'hiver", category="equipement", months=[10, 11, 12, 1, 2, 3]),
      N("village", "autolaveuse pour le grand nettoyage de printemps (mars)", months=[3]))

# ------------------------------------------------------------ water, heat, cold
w.sub("eau thermale tiède -> balnéo",
      O("thermes", "eau thermale usee tiede 35°C apres soins, 50 m3/j", category="energie", quantity=50, unit="m3", frequency="jour"),
      N("reeduc", "chauffage du bassin de balneotherapie (eau a 33°C), Balaruc", category="energie"))
w.single(N("hotel_spa", "chauffage de la piscine extérieure du Lido", category="energie"),
         N("blanchisserie", "eau chaude 85°C pour le tunnel de lavage", category="energie"))
w.sub("eaux de piscine -> arrosage",
      O("residence", "eaux de vidange des piscines (déchlorées), avril", category="eau", months=[4]),
      N("jardins", "eau non potable pour l'arrosage des espaces verts du Cap", category="eau"))
w.single(N("glacier", "eau pour la fabrication des glaces et sorbets", category="eau"))
w.sub("préchauffage laverie",
      O("blanchisserie", "chaleur des buées et eaux de rinçage à 45°C, ZI Eaux Blanches", category="energie"),
      N("traiteur", "eau chaude sanitaire pour la laverie de la cuisine (60°C)", category="energie"), strength="weak")
w.sub("froid positif",
      O("traiteur", "chambre froide positive +2°C, 20 m3 libres en hiver", category="espace", months=[11, 12, 1, 2]),
      N("banque", "stockage froid positif pour les produits frais, hiver", months=[12, 1, 2]))
w.sub("froid négatif",
      O("froid", "entrepôt froid négatif -25°C, places palettes d'octobre à avril", category="espace", months=[10, 11, 12, 1, 2, 3, 4]),
      N("glacier", "stockage -20°C pour nos glaces, 10 m3, l'hiver", months=[11, 12, 1, 2]))

# ------------------------------------------------------------ rooms, transport, meals
w.sub("salle de séminaire",
      O("village", "salle de séminaire 120 places, libre d'octobre à avril", category="espace", months=[10, 11, 12, 1, 2, 3, 4]),
      N("clinique", "salle pour une formation de 60 personnes en novembre", months=[11]))
w.single(N("office", "salle pour le salon du tourisme en juillet", months=[7]))
w.sub("bateau hors saison",
      O("croisiere", "bateau 80 pax dispo en semaine hors saison", category="equipement", months=[10, 11, 3, 4]),
      N("office", "navette maritime pour séminaires d'entreprise en octobre", months=[10]), strength="weak")
w.mut("navette gare",
      O("transport", "navettes à la demande gare de Sète - Balaruc - Lido", category="logistique"),
      N("thermes", "navette curistes gare de Sete -> thermes"),
      N("hotel_spa", "navette clients depuis la gare de Sète"))
w.sub("coursier prélèvements",
      O("ambulance", "VSL libres 14h-17h, trajets Sète -> Montpellier", category="logistique"),
      N("labo", "navette prelevements Frontignan -> labo de Montpellier, l'apres-midi"), strength="weak")
w.single(N("clinique_mtp", "transport de patients Montpellier -> Sète le matin"))
w.mut("repas",
      O("cuisine", "repas en liaison froide livrés, capacité +300/j", category="service"),
      N("ehpad", "repas texture modifiee (mixes) pour 80 residents"),
      N("ssiad", "portage de repas pour nos patients a domicile"))
w.single(O("restaurant", "déjeuners pour les salariés des alentours, à 2 pas du port"),
         N("village", "repas du midi pour l'équipe (25)"))
w.mut("gardiennage hivernal",
      O("securite", "rondes de surveillance Cap d'Agde, l'hiver", category="service", months=[10, 11, 12, 1, 2, 3]),
      N("camping", "gardiennage hivernal du camping (oct-mars)", months=[10, 11, 12, 1, 2, 3]),
      N("village", "surveillance du village l'hiver pendant la fermeture", months=[11, 12, 1, 2]))
w.single(N("plage", "surveillance du club de plage la nuit en hiver", months=[11, 12, 1, 2]))

# ------------------------------------------------------------ training, purchasing
w.mut("PRAP 2S", N("ehpad", "formation manutention des personnes (PRAP 2S)", category="formation"),
      N("ssiad", "PRAP 2S pour les aides-soignantes"),
      N("reeduc", "gestes et postures / prap 2S, 10 pers"))
w.single(N("camping", "formation PRAP IBC (industrie, BTP, commerce) pour l'équipe technique"))
w.mut("HACCP", N("brasserie", "formation HACCP 14h avant l'ouverture de la saison", category="formation"),
      N("glacier", "formation hygiene alimentaire (HACCP) pr 2 vendeurs"),
      N("camping", "HACCP pour l'equipe du snack"))
w.mut("AFGSU", N("clinique", "AFGSU niveau 2 pour 15 soignants", category="formation"),
      N("reeduc", "recyclage AFGSU 2"))
w.single(N("hotel_spa", "formation SST pour le personnel d'accueil"))
w.mut("BNSSA", N("plage", "recyclage BNSSA pour 6 sauveteurs", category="formation"),
      N("parc", "recyclage BNSSA / PSE1 des MNS avant la saison"))
w.mut("protections incontinence", N("ehpad", "achat groupé protections d'incontinence", category="achat"),
      N("ehpad2", "commande groupee de changes et protections"))
w.mut("gants et blouses", N("clinique", "achat groupé gants nitrile et blouses", category="achat"),
      N("ssiad", "gants nitrile, surblouses : groupement d'achat ?"))
w.mut("produits d'accueil", N("hotel_spa", "produits d'accueil (savons, shampoings) en achat groupé", category="achat"),
      N("residence", "kits d'accueil salle de bain pour les locations"))

# ------------------------------------------------------------ staff
w.loan("personnel hors saison -> soins l'hiver",
       O("camping", "animateurs et agents d'accueil dispo oct-mars (fermeture), pret de personnel", category="rh", months=[10, 11, 12, 1, 2, 3]),
       N("ehpad", "ASH / agents hoteliers en renfort l'hiver (epidemies) nov-fev", category="rh", months=[11, 12, 1, 2]))
w.single(N("cave", "renfort vendanges et mise en bouteille sept-oct", category="rh", months=[9, 10]))
w.pair("animateurs et agents d'accueil dispo", "renfort vendanges", "personnel hors saison -> vendanges (octobre seulement)", "weak", kind="mutualisation")
w.loan("MNS hors saison",
       O("parc", "sauveteurs MNS libres hors saison (oct-mai)", category="rh", months=[10, 11, 12, 1, 2, 3, 4, 5]),
       N("reeduc", "MNS / educateur APA pour la balneo, mars-mai", category="rh", months=[3, 4, 5]))
w.loan("agents de cuisine l'été",
       O("cuisine", "agents de restauration libres en juillet-août (vacances scolaires)", category="rh", months=[7, 8]),
       N("camping", "commis de cuisine pour le snack juillet-aout", category="rh", months=[7, 8]))
w.single(N("ehpad2", "cuisinier en renfort l'hiver", category="rh", months=[12, 1, 2]))
w.sub("GEIQ",
      O("geiq", "GEIQ HR : salariés en contrat de pro (commis, serveurs, réceptionnistes) mis à dispo", category="rh"),
      N("brasserie", "serveur / serveuse saison avril-octobre", months=[4, 5, 6, 7, 8, 9, 10]),
      N("hotel_spa", "receptionniste de nuit"))
w.mut("veilleur de nuit", N("hotel_spa", "veilleur de nuit a temps partage", category="rh"),
      N("residence", "veilleur de nuit 3 nuits/sem, à partager ?"))
w.single(N("ehpad", "infirmier(e) de nuit (IDE)", category="rh"))
w.mut("hygiéniste", N("clinique", "IDE hygieniste a temps partage", category="rh"),
      N("ehpad", "infirmière hygiéniste 0,2 ETP partagé"),
      N("ehpad2", "referent hygiene / IDE hygieniste en temps partage"))
w.mut("ergothérapeute", N("ehpad", "ergothérapeute 1j/sem", category="rh"),
      N("ssiad", "ergo a temps partiel pour les visites a domicile"))

# ------------------------------------------------------------ look-alikes a facilitator rejects
neg = w.neg
neg("restes du buffet exposé", "ramasse de dons alimentaires", "restes d'un buffet exposé en salle : interdits au don (hygiène)")
neg("médicaments non utilisés", "produits d'hygiène pour nos", "MNU : filière Cyclamed, jamais redistribués")
neg("draps de bloc et tenues souillées", "chiffons d'essuyage coton", "linge souillé de soins : blanchisserie ou DASRI, pas des chiffons")
neg("draps de bloc et tenues souillées", "Le Grenier de Thau : nous reprenons", "linge souillé de soins vers une ressourcerie")
neg("lits médicalisés réformés", "lits médicalisés neufs", "le besoin exige du neuf normé, pas d'occasion")
neg("matelas usagés tachés", "literie, vaisselle et petit mobilier", "matelas traités contre les punaises de lit : pas de réemploi")
neg("transats plastique PP", "mobilier d'extérieur uniquement alu", "plastique alors que le besoin l'exclut")
neg("dechets de labo (tubes sang", "Thau Collecte : collecte du verre", "DASRI (dangereux) vers un collecteur de DIB non agréé")
neg("DASRI : aiguilles + pansements", "Thau Collecte : collecte du verre", "DASRI vers un collecteur non agréé")
neg("chlore et produits de traitement", "Thau Collecte : collecte du verre", "produits chimiques périmés (dangereux) vers un collecteur non agréé")
neg("chlore et produits de traitement", "produits de traitement de l'eau", "déchet dangereux périmé vers un besoin de produit neuf")
neg("Med'Dasri : collecte", "chlore et produits de traitement", "Med'Dasri n'est agréé que pour les DASRI")
neg("ESAT : blanchisserie pour tenues", "stérilisation des textiles de bloc", "linge de bloc : stérilisation, pas une blanchisserie")
neg("blanchisserie industrielle : collecte", "stérilisation des textiles de bloc", "blanchisserie n'est pas une stérilisation")
neg("eau thermale usee tiede", "chauffage de la piscine extérieure", "eau tiède de Balaruc vers le Lido : 5 km, la chaleur basse température ne voyage pas")
neg("eau thermale usee tiede", "eau chaude 85°C pour le tunnel", "35 °C alors que le tunnel exige 85 °C")
neg("eaux de vidange des piscines", "eau pour la fabrication des glaces", "eau de piscine pour un aliment : l'eau potable est exigée")
neg("chambre froide positive +2°C", "stockage -20°C pour nos glaces", "froid positif alors que les glaces exigent -20 °C")
neg("entrepôt froid négatif -25°C", "stockage froid positif pour les produits frais", "froid négatif pour des produits frais à +2 °C")
neg("salle de séminaire 120 places", "salle pour le salon du tourisme", "salle libre d'octobre à avril, besoin en juillet")
neg("VSL libres 14h-17h", "transport de patients Montpellier -> Sète", "trajets Sète -> Montpellier l'après-midi, besoin dans l'autre sens le matin")
neg("déjeuners pour les salariés", "repas du midi pour l'équipe", "déjeuner à Sète pour une équipe au Cap d'Agde : 20 km")
neg("rondes de surveillance Cap d'Agde", "surveillance du club de plage", "rondes au Cap d'Agde, site au Lido de Sète : 20 km")
neg("gardiennage hivernal du camping", "surveillance du club de plage", "deux sites à 20 km : un agent ne les couvre pas")
neg("formation manutention des personnes", "formation PRAP IBC", "PRAP 2S (sanitaire et social) et PRAP IBC : deux formations")
neg("AFGSU niveau 2", "formation SST pour le personnel", "AFGSU (soignants) et SST : deux formations")
neg("veilleur de nuit a temps partage", "infirmier(e) de nuit", "veilleur de nuit n'est pas un infirmier")
neg("agents de restauration libres", "cuisinier en renfort l'hiver", "personnel libre l'été, besoin l'hiver")
neg("sauveteurs MNS libres", "recyclage BNSSA pour 6", "du personnel n'est pas une formation")
neg("bouteilles verre vides", "chutes de tissus et bâches", "du verre n'est pas du tissu")

w.write(HERE)
