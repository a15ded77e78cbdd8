/** The home page: what Birga is and where to go next. */
import { defineCatalog } from '../catalog';

export const homeMessages = defineCatalog({
  'uz-Latn': {
    title: 'Birga — hududingiz taʼlim strategiyasini birgalikda yozing',
    lead: 'Birga — mahalla, qishloq, tuman yoki shahar har yili oʻz taʼlim va kasbga oʻqitish strategiyasini ochiq va hamjihatlikda yozadigan ish maydoni.',
    howTitle: 'Qanday ishlaydi',
    stepWrite: 'Ishchi guruh strategiyani bir vaqtda, jonli ravishda birga yozadi.',
    stepReview:
      'Ekspertlar loyihani koʻrib chiqadi, aholi esa oʻzi uchun muhim koʻnikmalarga ovoz beradi.',
    stepPublish:
      'Hokimiyat strategiyani tasdiqlab, eʼlon qiladi; bajarilishi va xarajatlar haqida ochiq hisobot beriladi.',
    origin:
      'Gʻoya YUNESKOning Oʻrganuvchi shaharlar global tarmogʻi va Oʻzbekiston uchun “Oʻrganuvchi hududlar” konsepsiyasiga tayanadi.',
    findTerritory: 'Hududingizni toping',
    signIn: 'Kirish',
    register: 'Hisob yaratish',
    welcome: 'Xush kelibsiz, {name}!',
    yourTerritories: 'Sizning hududlaringiz',
    noMemberships:
      'Sizda hali hech bir hududda rol yoʻq. Koordinator sizga taklif havolasini yuborishi mumkin.',
  },
  ru: {
    title: 'Birga — пишите стратегию образования вашей территории вместе',
    lead: 'Birga — рабочее пространство, где махалля, село, район или город каждый год открыто и сообща пишет свою стратегию образования и профессионального обучения.',
    howTitle: 'Как это работает',
    stepWrite: 'Рабочая группа пишет стратегию вместе, одновременно и в реальном времени.',
    stepReview: 'Эксперты рецензируют проект, а жители голосуют за навыки, которые важны для них.',
    stepPublish:
      'Хокимият утверждает и публикует стратегию; о ходе выполнения и расходах отчитываются открыто.',
    origin:
      'Идея основана на Глобальной сети обучающихся городов ЮНЕСКО и концепции «Обучающиеся территории» для Узбекистана.',
    findTerritory: 'Найдите свою территорию',
    signIn: 'Войти',
    register: 'Создать учётную запись',
    welcome: 'Добро пожаловать, {name}!',
    yourTerritories: 'Ваши территории',
    noMemberships:
      'У вас пока нет роли ни на одной территории. Координатор может прислать вам ссылку-приглашение.',
  },
  en: {
    title: 'Birga — write your territory’s learning strategy together',
    lead: 'Birga is a workspace where a mahalla, village, district or city writes its yearly strategy for education and training, in the open and together.',
    howTitle: 'How it works',
    stepWrite: 'The working group co-writes the strategy live, all at the same time.',
    stepReview: 'Experts review the draft, and residents vote on the skills that matter to them.',
    stepPublish:
      'The local authority approves and publishes the strategy; progress and spending are reported openly.',
    origin:
      'The idea comes from the UNESCO Global Network of Learning Cities and the “Learning Territories” concept for Uzbekistan.',
    findTerritory: 'Find your territory',
    signIn: 'Sign in',
    register: 'Create an account',
    welcome: 'Welcome, {name}!',
    yourTerritories: 'Your territories',
    noMemberships:
      'You have no role in any territory yet. A coordinator can send you an invitation link.',
  },
});
