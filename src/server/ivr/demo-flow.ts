import { ZIvrFlow, type TIvrFlow, type TIvrFlowInput } from '../../shared/ivr-flow.ts';

/**
 * The demo tenant's phone menu, exactly as the demo contract numbers it: 1 new repair, 2 status,
 * 3 self-help, 0 operator — and 0 at any later question too, keeping what was already answered.
 * The intake keys and digits come from `demoIntakeSchema`.
 */
const demoFlowDocument: TIvrFlowInput = {
  version: 1,
  start: 'hours',
  operatorKey: { key: '0', node: 'operator' },
  nodes: {
    hours: { type: 'business_hours', open: 'greeting', closed: 'closed' },
    greeting: {
      type: 'say',
      prompt: {
        text: {
          es: 'Bienvenido a Reparaciones Martínez, servicio técnico de electrodomésticos.',
          ca: 'Benvingut a Reparaciones Martínez, servei tècnic d’electrodomèstics.',
          en: 'Welcome to Reparaciones Martínez, appliance repair service.',
        },
      },
      next: 'main_menu',
    },
    main_menu: {
      type: 'menu',
      prompt: {
        text: {
          es: 'Para comunicar una nueva avería, pulse 1. Para conocer el estado de una avería, pulse 2. Para escuchar consejos que pueden resolver el problema, pulse 3. Para hablar con un operador, pulse 0 en cualquier momento.',
          ca: 'Per comunicar una avaria nova, premeu 1. Per saber l’estat d’una avaria, premeu 2. Per escoltar consells que us poden resoldre el problema, premeu 3. Per parlar amb un operador, premeu 0 en qualsevol moment.',
          en: 'To report a new breakdown, press 1. To check the status of a repair, press 2. For tips that may solve the problem, press 3. To speak to an operator, press 0 at any time.',
        },
      },
      options: { '1': 'caller', '2': 'status', '3': 'self_help', '0': 'operator' },
      // A caller who says nothing may not know how to use the keypad: hand them to a person.
      fallback: 'operator',
    },
    caller: {
      type: 'identify_caller',
      confirmAsset: true,
      assetPrompt: {
        text: {
          es: 'Hola, {customerName}. ¿Llama por alguno de sus aparatos registrados?',
          ca: 'Hola, {customerName}. Truqueu per algun dels vostres aparells registrats?',
          en: 'Hello, {customerName}. Are you calling about one of your registered appliances?',
        },
      },
      nextKnown: 'appliance',
      nextUnknown: 'appliance',
    },
    appliance: {
      type: 'collect_field',
      field: 'appliance',
      prompt: {
        text: { es: '¿Qué aparato se ha averiado?', ca: 'Quin aparell s’ha espatllat?', en: 'Which appliance has broken down?' },
      },
      listOptions: true,
      next: 'warranty',
      fallback: 'operator',
    },
    warranty: {
      type: 'collect_field',
      field: 'underWarranty',
      prompt: { text: { es: '¿Está el aparato en garantía?', ca: 'L’aparell és en garantia?', en: 'Is the appliance under warranty?' } },
      listOptions: true,
      next: 'urgency',
      fallback: 'operator',
    },
    urgency: {
      type: 'collect_field',
      field: 'urgency',
      prompt: {
        text: {
          es: 'Si la avería es urgente, pulse 1. Si puede esperar a una visita normal, pulse 2.',
          ca: 'Si l’avaria és urgent, premeu 1. Si pot esperar una visita normal, premeu 2.',
          en: 'If the repair is urgent, press 1. If it can wait for a normal visit, press 2.',
        },
      },
      next: 'new_case',
      fallback: 'operator',
    },
    new_case: { type: 'create_case', next: 'goodbye', failed: 'operator' },
    goodbye: {
      type: 'hangup',
      prompt: {
        text: {
          es: 'Gracias por llamar a Reparaciones Martínez. Adiós.',
          ca: 'Gràcies per trucar a Reparaciones Martínez. Adéu.',
          en: 'Thank you for calling Reparaciones Martínez. Goodbye.',
        },
      },
    },
    status: {
      type: 'lookup_case',
      prompt: {
        text: {
          es: 'Marque el número de referencia de su avería y, al terminar, pulse la tecla almohadilla.',
          ca: 'Marqueu el número de referència de la vostra avaria i, en acabar, premeu la tecla coixinet.',
          en: 'Enter the reference number of your repair, followed by the hash key.',
        },
      },
      minDigits: 8,
      found: 'after_status',
      notFound: 'main_menu',
    },
    after_status: {
      type: 'menu',
      prompt: {
        text: {
          es: 'Para volver al menú principal, pulse 1. Para terminar la llamada, pulse 2.',
          ca: 'Per tornar al menú principal, premeu 1. Per acabar la trucada, premeu 2.',
          en: 'To return to the main menu, press 1. To end the call, press 2.',
        },
      },
      options: { '1': 'main_menu', '2': 'goodbye' },
      retries: 1,
      fallback: 'goodbye',
    },
    // The demo tenant's self-diagnosis tree (seeded with the demo knowledge base): a solved problem
    // says goodbye, an unsolved one becomes a new repair with the answers already filled in.
    self_help: { type: 'decision_tree', tree: 'autodiagnostico', solved: 'goodbye', openCase: 'caller', fallback: 'operator' },
    operator: {
      type: 'transfer',
      queue: 'default',
      prompt: {
        text: {
          es: 'Le pasamos con un operador. Espere un momento, por favor.',
          ca: 'Us passem amb un operador. Espereu un moment, si us plau.',
          en: 'We are putting you through to an operator. Please hold.',
        },
      },
      fallback: 'voicemail',
    },
    voicemail: {
      type: 'record',
      prompt: {
        text: {
          es: 'En este momento no podemos atenderle. Después de la señal, deje su nombre, su teléfono y la avería, y pulse almohadilla al terminar.',
          ca: 'Ara mateix no us podem atendre. Després del senyal, deixeu el vostre nom, el telèfon i l’avaria, i premeu coixinet en acabar.',
          en: 'We cannot take your call right now. After the tone, leave your name, phone number and the problem, then press the hash key.',
        },
      },
      next: 'voicemail_goodbye',
    },
    voicemail_goodbye: {
      type: 'hangup',
      prompt: {
        text: {
          es: 'Gracias. Le llamaremos lo antes posible. Adiós.',
          ca: 'Gràcies. Us trucarem tan aviat com puguem. Adéu.',
          en: 'Thank you. We will call you back as soon as possible. Goodbye.',
        },
      },
    },
    closed: {
      type: 'say',
      prompt: {
        text: {
          es: 'Gracias por llamar a Reparaciones Martínez. En este momento estamos fuera de nuestro horario de atención.',
          ca: 'Gràcies per trucar a Reparaciones Martínez. Ara mateix som fora del nostre horari d’atenció.',
          en: 'Thank you for calling Reparaciones Martínez. We are currently outside our opening hours.',
        },
      },
      next: 'voicemail',
    },
  },
};

/** Parsed once, so the defaults are filled in exactly as for a flow published through the API. */
export const demoIvrFlow: TIvrFlow = ZIvrFlow.parse(demoFlowDocument);
