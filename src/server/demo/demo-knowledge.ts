import type { TArticleContent, TTreeContent } from '../../shared/knowledge.ts';
import { createKbEntry, publishKbEntry } from '../knowledge/manage-knowledge.ts';
import type { KnowledgeDeps } from '../knowledge/knowledge-deps.ts';

/** The demo knowledge base: what option 3 of the demo line walks, the portal shows and operators search. */

const filterArticle: TArticleContent = {
  variants: {
    es: {
      title: 'La lavadora no desagua: limpie el filtro',
      summary: 'Apague y desenchufe la lavadora. Abra la tapa pequeña de la parte baja del frontal, ponga un recipiente y una toalla, gire el filtro hacia la izquierda, límpielo bajo el grifo y vuelva a colocarlo bien apretado.',
      body: '## Antes de empezar\n\nApague la lavadora y **desenchúfela**. Saldrá agua: tenga a mano un recipiente plano y una toalla.\n\n## Pasos\n\n1. Abra la tapa pequeña de la parte baja del frontal.\n2. Gire el filtro hacia la izquierda poco a poco y deje salir el agua.\n3. Limpie el filtro bajo el grifo: pelusas, monedas, horquillas.\n4. Vuelva a colocarlo y apriételo bien hacia la derecha.\n\nSi después de limpiarlo sigue sin desaguar, [abra una avería](#case) y un técnico revisará la bomba.',
    },
    ca: {
      title: 'La rentadora no desguassa: netegeu el filtre',
      summary: 'Apagueu i desendolleu la rentadora. Obriu la tapa petita de la part baixa del frontal, poseu-hi un recipient i una tovallola, gireu el filtre cap a l’esquerra, netegeu-lo sota l’aixeta i torneu-lo a col·locar ben collat.',
      body: '## Abans de començar\n\nApagueu la rentadora i **desendolleu-la**. Sortirà aigua: tingueu a mà un recipient pla i una tovallola.\n\n## Passos\n\n1. Obriu la tapa petita de la part baixa del frontal.\n2. Gireu el filtre cap a l’esquerra a poc a poc i deixeu sortir l’aigua.\n3. Netegeu el filtre sota l’aixeta.\n4. Torneu-lo a col·locar i colleu-lo bé cap a la dreta.',
    },
    en: {
      title: 'The washing machine does not drain: clean the filter',
      summary: 'Switch off and unplug the washing machine. Open the small flap at the bottom of the front, put down a tray and a towel, turn the filter anticlockwise, rinse it under the tap and screw it back in firmly.',
      body: '## Before you start\n\nSwitch the machine off and **unplug it**. Water will come out: have a flat tray and a towel ready.\n\n## Steps\n\n1. Open the small flap at the bottom of the front.\n2. Turn the filter anticlockwise slowly and let the water out.\n3. Rinse the filter under the tap.\n4. Put it back and screw it in firmly.',
    },
  },
};

const noPowerArticle: TArticleContent = {
  variants: {
    es: {
      title: 'El aparato no enciende',
      summary: 'Compruebe que el aparato está bien enchufado, pruebe otro aparato en el mismo enchufe y mire si ha saltado el diferencial o un automático del cuadro eléctrico.',
      body: 'Antes de pedir una visita:\n\n- Compruebe que el enchufe está bien metido.\n- Pruebe otro aparato en el **mismo enchufe**.\n- Mire el cuadro eléctrico: si ha saltado el diferencial, súbalo.\n\nSi salta otra vez al enchufar el aparato, no lo use y abra una avería.',
    },
    ca: {
      title: 'L’aparell no s’encén',
      summary: 'Comproveu que l’aparell està ben endollat, proveu un altre aparell al mateix endoll i mireu si ha saltat el diferencial o un automàtic del quadre elèctric.',
      body: 'Abans de demanar una visita:\n\n- Comproveu que l’endoll està ben posat.\n- Proveu un altre aparell al **mateix endoll**.\n- Mireu el quadre elèctric: si ha saltat el diferencial, pugeu-lo.',
    },
    en: {
      title: 'The appliance does not switch on',
      summary: 'Check that the appliance is plugged in properly, try another appliance in the same socket and see whether the circuit breaker has tripped.',
      body: 'Before asking for a visit:\n\n- Check the plug is fully in.\n- Try another appliance in the **same socket**.\n- Look at the fuse box: if the breaker has tripped, reset it.',
    },
  },
};

const selfDiagnosis: TTreeContent = {
  title: { es: 'Autodiagnóstico de averías', ca: 'Autodiagnòstic d’avaries', en: 'Self-diagnosis' },
  start: 'problem',
  nodes: {
    problem: {
      question: { es: '¿Qué le pasa al aparato?', ca: 'Què li passa a l’aparell?', en: 'What is wrong with the appliance?' },
      answers: [
        { label: { es: 'La lavadora no desagua', ca: 'La rentadora no desguassa', en: 'The washing machine does not drain' }, intake: { appliance: 'washing_machine' }, next: 'filter' },
        { label: { es: 'El aparato no enciende', ca: 'L’aparell no s’encén', en: 'The appliance does not switch on' }, solution: 'no-enciende' },
        { label: { es: 'Es otra avería', ca: 'És una altra avaria', en: 'It is another problem' }, openCase: true },
      ],
    },
    filter: {
      question: { es: '¿Ha limpiado ya el filtro de la bomba de desagüe?', ca: 'Ja heu netejat el filtre de la bomba de desguàs?', en: 'Have you already cleaned the drain pump filter?' },
      answers: [
        { label: { es: 'No lo he limpiado', ca: 'No l’he netejat', en: 'I have not cleaned it' }, solution: 'lavadora-filtro' },
        { label: { es: 'Ya lo he limpiado y sigue igual', ca: 'Ja l’he netejat i continua igual', en: 'I cleaned it and it still does not drain' }, intake: { urgency: 'normal' }, openCase: true },
      ],
    },
  },
};

export const demoKnowledge = { filterArticle, noPowerArticle, selfDiagnosis };

/** Articles first: a tree is published only once the solutions it names are out. */
export async function seedDemoKnowledge(deps: KnowledgeDeps, tenantId: string): Promise<void> {
  const publish = async (kind: 'article' | 'tree', slug: string, content: unknown) => {
    const entry = await createKbEntry(deps, 'system', { tenantId, kind, slug, content, note: 'Demo knowledge base' });
    await publishKbEntry(deps, 'system', entry.id, { version: entry.latestVersion });
  };
  await publish('article', 'lavadora-filtro', filterArticle);
  await publish('article', 'no-enciende', noPowerArticle);
  await publish('tree', 'autodiagnostico', selfDiagnosis);
}
