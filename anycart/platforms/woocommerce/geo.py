"""The countries and states WooCommerce knows (its ``i18n/countries.php`` and ``i18n/states.php``,
WooCommerce 9.x), as codes only: what an address may hold in ``_billing_country`` /
``_billing_state``. A country with a state list takes only those codes; a country without one
takes any state text (WooCommerce shows a free text field there).
"""

from __future__ import annotations

import pycountry

#: i18n/countries.php is ISO 3166-1 (pycountry's list) and Kosovo's user-assigned XK.
COUNTRIES = frozenset({c.alpha_2 for c in pycountry.countries} | {"XK"})

_STATES = {
    "AO": "BGO BLU BIE CAB CNN HUA HUI CCU CNO CUS LUA LNO LSU MAL MOX NAM UIG ZAI",
    "AR": "C B K H U X W E P Y L F M N Q R A J D Z S G V T",
    "AU": "ACT NSW NT QLD SA TAS VIC WA",
    "BD": " ".join(f"BD-{n:02d}" for n in range(1, 65)),
    "BG": " ".join(f"BG-{n:02d}" for n in range(1, 29)),
    "BJ": "AL AK AQ BO CO KO DO LI MO OU PL ZO",
    "BO": "B H C L O N P S T",
    "BR": "AC AL AP AM BA CE DF ES GO MA MT MS MG PA PB PR PE PI RJ RN RS RO RR SC SP SE TO",
    "CA": "AB BC MB NB NL NT NS NU ON PE QC SK YT",
    "CH": "AG AR AI BL BS BE FR GE GL GR JU LU NE NW OW SH SZ SO SG TG TI UR VS VD ZG ZH",
    "CL": "CL-AI CL-AN CL-AP CL-AR CL-AT CL-BI CL-CO CL-LI CL-LL CL-LR CL-MA CL-ML CL-NB CL-RM CL-TA CL-VS",
    "CN": " ".join(f"CN{n}" for n in range(1, 33)),
    "DO": " ".join(f"DO-{n:02d}" for n in range(1, 33)),
    "DZ": " ".join(f"DZ-{n:02d}" for n in range(1, 49)),
    "EG": "EGALX EGASN EGAST EGBA EGBH EGBNS EGC EGDK EGDT EGFYM EGGH EGGZ EGIS EGJS EGKB EGKFS EGKN "
          "EGLX EGMN EGMNF EGMT EGPTS EGSHG EGSHR EGSIN EGSUZ EGWAD",
    "ES": "C VI AB A AL O AV BA PM B BU CC CA S CS CE CR CO CU GI GR GU SS H HU J LO GC LE L LU M MA ML "
          "MU NA OR P PO SA TF SG SE SO T TE TO V VA BI ZA Z",
    "GH": "AF AH BA BO BE CP EP AA NE NP OT SV UE UW TV WP WN",
    "GR": "I A B C D E F G H J K L M",
    "GT": "AV BV CM CQ PR ES GU HU IZ JA JU PE QZ QC RE SA SM SR SO SU TO ZA",
    "HK": "HONG KONG,KOWLOON,NEW TERRITORIES",
    "HU": "BK BE BA BZ BU CS FE GS HB HE JN KE NO PE SO SZ TO VA VE ZA",
    "ID": "AC SU SB RI KR JA SS BB BE LA JK JB BT JT JI YO BA NB NT KB KT KI KS KU SA ST SG SR SN GO "
          "MA MU PA PB",
    "IE": "CW CN CE CO DL D G KY KE KK LS LM LK LD LH MO MH MN OY RN SO TA WD WH WX WW",
    "IN": "AP AR AS BR CT GA GJ HR HP JK JH KA KL LA MP MH MN ML MZ NL OR PB RJ SK TN TS TR UK UP WB "
          "AN CH DN DD DL LD PY",
    "IR": "KHZ THR ILM BHR ADL ESF YZD KRH KRN HDN GZN ZJN LRS ABZ EAZ WAZ CHB SKH RKH NKH SMN FRS "
          "QHM KRD KBD GLS GIL MZN MKZ HRZ SBN",
    "IT": "AG AL AN AO AR AP AT AV BA BT BL BN BG BI BO BZ BS BR CA CL CB CE CT CZ CH CO CS CR KR CN "
          "EN FM FE FI FG FC FR GE GO GR IM IS SP AQ LT LE LC LI LO LU MC MN MS MT ME MI MO MB NA NO "
          "NU OR PD PA PR PV PG PU PE PC PI PT PN PZ PO RG RA RC RE RI RN RM RO SA SS SV SI SR SO SU "
          "TA TE TR TO TP TN TV TS UD VA VE VB VC VR VV VI VT",
    "JM": " ".join(f"JM-{n:02d}" for n in range(1, 15)),
    "JP": " ".join(f"JP{n:02d}" for n in range(1, 48)),
    "KE": " ".join(f"KE{n:02d}" for n in range(1, 48)),
    "LA": "AT BK BL CH HO KH LM LP OU PH SL SV VI VT XA XE XI XS",
    "LR": "BM BN GA GB GC GG GK LO MA MY MO NM RV RG SN",
    "MD": "C BL AN BS BR CH CT CL CS CM CR DN DR DB ED FL FR GE GL HN IL LV NS OC OR RZ RS SG SR ST "
          "SD SV TR TL UN",
    "MX": "DF JA NL AG BC BS CM CS CH CO CL DG GT GR HG MX MI MO NA OA PU QT QR SL SI SO TB TM TL VE "
          "YU ZA",
    "MY": "JHR KDH KTN LBN MLK NSN PHG PNG PRK PLS SBH SWK SGR TRG PJY KUL",
    "MZ": "MZP MZG MZI MZB MZL MZMPM MZN MZA MZS MZT MZQ",
    "NA": "ER HA KA KE KW KH KU OW OH OS ON OT OD CA",
    "NG": "AB FC AD AK AN BA BY BE BO CR DE EB ED EK EN GO IM JI KD KN KT KE KO KW LA NA NI OG ON "
          "OS OY PL RI SO TA YO ZA",
    "NP": "BAG BHE DHA GAN JAN KAR KOS LUM MAH MEC NAR RAP SAG SET",
    "NZ": "NL AK WA BP TK GI HB MW WE NS MB TM WC CT OT SL",
    "PE": "CAL LMA AMA ANC APU ARE AYA CAJ CUS HUV HUC ICA JUN LAL LAM LIM LOR MDD MOQ PAS PIU PUN "
          "SAM TAC TUM UCA",
    "PH": "ABR AGN AGS AKL ALB ANT APA AUR BAS BAN BTN BTG BEN BIL BOH BUK BUL CAG CAN CAS CAM CAP "
          "CAT CAV CEB COM NCO DAV DAS DAC DAO DIN EAS GUI IFU ILN ILS ILI ISA KAL LUN LAG LAN LAS "
          "LEY MAG MAD MAS MSC MSR MOU NEC NER NSA NUE NUV MDC MDR PLW PAM PAN QUE QUI RIZ ROM WSA "
          "SAR SIQ SOR SCO SLE SUK SLU SUN SUR TAR TAW ZMB ZAN ZAS ZSI 00",
    "PK": "JK BA TA GB IS KP PB SD",
    "PY": "PY-ASU " + " ".join(f"PY-{n}" for n in range(1, 18)),
    "RO": "AB AR AG BC BH BN BT BR BV B BZ CL CS CJ CT CV DB DJ GL GR GJ HR HD IL IS IF MM MH MS NT "
          "OT PH SJ SM SB SV TR TM TL VL VS VN",
    "RS": " ".join(f"RS{n:02d}" for n in range(0, 30)) + " RSKM RSVO",
    "TH": "TH-37 TH-15 TH-14 TH-10 TH-38 TH-31 TH-24 TH-18 TH-36 TH-22 TH-50 TH-57 TH-20 TH-86 TH-46 "
          "TH-62 TH-71 TH-40 TH-81 TH-52 TH-51 TH-42 TH-16 TH-58 TH-44 TH-49 TH-26 TH-73 TH-48 TH-30 "
          "TH-60 TH-80 TH-55 TH-96 TH-39 TH-43 TH-12 TH-13 TH-94 TH-82 TH-93 TH-56 TH-67 TH-76 TH-66 "
          "TH-65 TH-54 TH-83 TH-25 TH-77 TH-85 TH-70 TH-21 TH-45 TH-27 TH-47 TH-11 TH-74 TH-75 TH-19 "
          "TH-91 TH-17 TH-33 TH-90 TH-64 TH-72 TH-84 TH-32 TH-63 TH-92 TH-23 TH-34 TH-41 TH-61 TH-53 "
          "TH-95 TH-35",
    "TR": " ".join(f"TR{n:02d}" for n in range(1, 82)),
    "TZ": " ".join(f"TZ{n:02d}" for n in range(1, 31)),
    "UA": "VN VL DP DT ZT ZK ZP IF KV KH LH LV MY OD PL RV SM TP KK KS KM CK CH CV",
    "UG": "UG314 UG301 UG322 UG323 UG315 UG324 UG216 UG316 UG302 UG303 UG217 UG218 UG201 UG235 UG420 "
          "UG117 UG219 UG118 UG220 UG225 UG416 UG401 UG430 UG402 UG202 UG221 UG119 UG233 UG120 UG226 "
          "UG317 UG121 UG304 UG403 UG417 UG203 UG418 UG204 UG318 UG404 UG405 UG213 UG427 UG428 UG101 "
          "UG222 UG122 UG102 UG205 UG413 UG414 UG206 UG236 UG126 UG406 UG207 UG112 UG407 UG103 UG227 "
          "UG432 UG419 UG421 UG408 UG305 UG319 UG325 UG306 UG208 UG333 UG228 UG123 UG422 UG415 UG125 "
          "UG326 UG307 UG229 UG104 UG124 UG114 UG223 UG320 UG105 UG409 UG214 UG209 UG410 UG423 UG115 "
          "UG308 UG309 UG106 UG107 UG108 UG334 UG311 UG116 UG109 UG230 UG234 UG224 UG327 UG310 UG231 "
          "UG424 UG411 UG328 UG331 UG329 UG321 UG312 UG332 UG210 UG110 UG429 UG425 UG431 UG412 UG111 "
          "UG232 UG426 UG215 UG211 UG212 UG113 UG313 UG330",
    "UM": "81 84 86 67 89 71 76 95 79",
    "US": "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH "
          "NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY AA AE AP",
    "VE": "A B C D E F G H I J K L M N O P R S T U V W X Y Z",
    "VN": "vnct vndn vnhn vnhp vnsg vn01 vn02 vn03 vn04 vn05 vn06 vn07 vn09 vn13 vn14 vn18 vn20 vn21 "
          "vn22 vn23 vn24 vn25 vn26 vn27 vn28 vn29 vn30 vn31 vn32 vn33 vn34 vn35 vn36 vn37 vn39 vn40 "
          "vn41 vn43 vn44 vn45 vn46 vn47 vn49 vn50 vn51 vn52 vn53 vn54 vn55 vn56 vn57 vn58 vn59 vn61 "
          "vn63 vn66 vn67 vn68 vn69 vn70 vn71 vn72 vn73",
    "ZA": "EC FS GP KZN LP MP NC NW WC",
    "ZM": " ".join(f"ZM-{n:02d}" for n in range(1, 11)),
}

#: country code -> {upper-cased state code: the code as WooCommerce stores it}
STATES: dict[str, dict[str, str]] = {
    country: {code.upper(): code for code in (codes.split(",") if "," in codes else codes.split())}
    for country, codes in _STATES.items()}


def country_code(value: str) -> str | None:
    """A country as WooCommerce stores it (``US``), or None when WooCommerce has no such country."""
    code = value.strip().upper()
    return code if code in COUNTRIES else None


def state_code(country: str, value: str) -> str | None:
    """The state as WooCommerce stores it for ``country``; None when the country has a state
    list without it. Countries without a list take the text as given."""
    states = STATES.get(country)
    if states is None:
        return value.strip()
    return states.get(value.strip().upper())
