"""Parses shared by several stage tests: the same sentence, parsed once, read by each stage."""

MILEI_PARSE = """
    0 Argentine    JJ    ADJ    amod       1 argentine    B-NORP
    1 President    NNP   PROPN  compound   3 President
    2 Javier       NNP   PROPN  compound   3 Javier       B-PERSON
    3 Milei        NNP   PROPN  nsubj      4 Milei        I-PERSON
    4 wrote        VBD   VERB   ROOT       4 write
    5 on           IN    ADP    prep       4 on
    6 social       JJ    ADJ    amod       7 social
    7 media        NNS   NOUN   pobj       5 medium
    8 that         IN    SCONJ  mark      11 that
    9 Argentina    NNP   PROPN  nsubj     11 Argentina    B-GPE
    10 would        MD    AUX    aux       11 would
    11 back         VB    VERB   ccomp      4 back
    12 Israel       NNP   PROPN  dobj      11 Israel       B-GPE
    13 .            .     PUNCT  punct      4 .
"""

NORWAY_PARSE = """
    0 Norway       NNP   PROPN  nsubj      1 Norway       B-GPE
    1 criticized   VBD   VERB   ROOT       1 criticize
    2 the          DT    DET    det        3 the
    3 ban          NN    NOUN   dobj       1 ban
    4 .            .     PUNCT  punct      1 .

    0 It           PRP   PRON   nsubj      1 it
    1 said         VBD   VERB   ROOT       1 say
    2 it           PRP   PRON   nsubj      4 it
    3 would        MD    AUX    aux        4 would
    4 send         VB    VERB   ccomp      1 send
    5 aid          NN    NOUN   dobj       4 aid
    6 to           IN    ADP    prep       4 to
    7 the          DT    DET    det        8 the
    8 refugees     NNS   NOUN   pobj       6 refugee
    9 .            .     PUNCT  punct      1 .
"""

CARNEY_MERZ = (
    "Canadian Prime Minister Mark Carney hosted German Chancellor Friedrich Merz in Quebec "
    "City on Monday. Carney praised Merz for his support."
)
CARNEY_MERZ_PARSE = """
     0 Canadian     JJ    ADJ    amod       2 canadian     B-NORP
     1 Prime        NNP   PROPN  compound   2 Prime
     2 Minister     NNP   PROPN  compound   4 Minister
     3 Mark         NNP   PROPN  compound   4 Mark         B-PERSON
     4 Carney       NNP   PROPN  nsubj      5 Carney       I-PERSON
     5 hosted       VBD   VERB   ROOT       5 host
     6 German       JJ    ADJ    amod       7 german       B-NORP
     7 Chancellor   NNP   PROPN  compound   9 Chancellor
     8 Friedrich    NNP   PROPN  compound   9 Friedrich    B-PERSON
     9 Merz         NNP   PROPN  dobj       5 Merz         I-PERSON
    10 in           IN    ADP    prep       5 in
    11 Quebec       NNP   PROPN  compound  12 Quebec       B-GPE
    12 City         NNP   PROPN  pobj      10 City         I-GPE
    13 on           IN    ADP    prep       5 on
    14 Monday       NNP   PROPN  pobj      13 Monday       B-DATE
    15 .            .     PUNCT  punct      5 .

     0 Carney       NNP   PROPN  nsubj      1 Carney       B-PERSON
     1 praised      VBD   VERB   ROOT       1 praise
     2 Merz         NNP   PROPN  dobj       1 Merz         B-PERSON
     3 for          IN    ADP    prep       1 for
     4 his          PRP$  PRON   poss       5 his
     5 support      NN    NOUN   pobj       3 support
     6 .            .     PUNCT  punct      1 .
"""

CALL = (
    "Spanish Prime Minister Pedro Sanchez held a phone call with Moroccan King Mohammed VI on "
    "Thursday. The 40-minute call began at 3 p.m."
)
CALL_PARSE = """
     0 Spanish      JJ    ADJ    amod       2 spanish      B-NORP
     1 Prime        NNP   PROPN  compound   2 Prime
     2 Minister     NNP   PROPN  compound   4 Minister
     3 Pedro        NNP   PROPN  compound   4 Pedro        B-PERSON
     4 Sanchez      NNP   PROPN  nsubj      5 Sanchez      I-PERSON
     5 held         VBD   VERB   ROOT       5 hold
     6 a            DT    DET    det        8 a
     7 phone        NN    NOUN   compound   8 phone
     8 call         NN    NOUN   dobj       5 call
     9 with         IN    ADP    prep       8 with
    10 Moroccan     NNP   PROPN  compound  11 Moroccan     B-NORP
    11 King         NNP   PROPN  compound  13 King
    12 Mohammed     NNP   PROPN  compound  13 Mohammed     B-PERSON
    13 VI           NNP   PROPN  pobj       9 VI           I-PERSON
    14 on           IN    ADP    prep       5 on
    15 Thursday     NNP   PROPN  pobj      14 Thursday     B-DATE
    16 .            .     PUNCT  punct      5 .

     0 The          DT    DET    det        4 the
     1 40           CD    NUM    nummod     3 40           B-TIME
     2 -            HYPH  PUNCT  punct      3 -            I-TIME
     3 minute       NN    NOUN   compound   4 minute       I-TIME
     4 call         NN    NOUN   nsubj      5 call
     5 began        VBD   VERB   ROOT       5 begin
     6 at           IN    ADP    prep       5 at
     7 3            CD    NUM    nummod     8 3            B-TIME
     8 p.m.         NN    NOUN   pobj       6 p.m.         I-TIME
"""

KENYA_MEETING = (
    "Kenya's President William Ruto met Tanzanian President Samia Suluhu Hassan in Nairobi."
)
KENYA_MEETING_PARSE = """
     0 Kenya        NNP   PROPN  poss       2 Kenya        B-GPE
     1 's           POS   PART   case       0 's
     2 President    NNP   PROPN  nsubj      5 President
     3 William      NNP   PROPN  compound   4 William      B-PERSON
     4 Ruto         NNP   PROPN  appos      2 Ruto         I-PERSON
     5 met          VBD   VERB   ROOT       5 meet
     6 Tanzanian    NNP   PROPN  compound   7 Tanzanian    B-NORP
     7 President    NNP   PROPN  compound  10 President
     8 Samia        NNP   PROPN  compound  10 Samia        B-PERSON
     9 Suluhu       NNP   PROPN  compound  10 Suluhu       I-PERSON
    10 Hassan       NNP   PROPN  dobj       5 Hassan       I-PERSON
    11 in           IN    ADP    prep       5 in
    12 Nairobi      NNP   PROPN  pobj      11 Nairobi      B-GPE
    13 .            .     PUNCT  punct      5 .
"""
